import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { compileStatusRanges, UpstreamErrors, type HttpExchange, type HttpResponse } from '@wharf/config';
import { fakeContext } from '../testing/context.js';
import { bodyOf, fakeExchange } from '../testing/exchange.js';
import { backoffDelayMs } from './backoff.js';
import { decideRetry, type RetryPolicy } from './decision.js';
import { createRetry } from './retry.js';
import type { RetryOptions } from './schema.js';

const connect = (): HttpResponse => ({ status: 502, headers: {}, body: null, error: UpstreamErrors.connectFailed('refused') });
const reset = (): HttpResponse => ({ status: 502, headers: {}, body: null, error: UpstreamErrors.reset('econnreset') });
const timeout = (): HttpResponse => ({ status: 504, headers: {}, body: null, error: UpstreamErrors.timeout('10s') });
const empty = (): HttpResponse => ({ status: 503, headers: {}, body: null, error: UpstreamErrors.noServer() });
const status = (s: number): HttpResponse => ({ status: s, headers: {}, body: 'x' });

const base: RetryPolicy = { status: compileStatusRanges(undefined), disableRetryOnNetworkError: false, retryNonIdempotentMethod: false };
const with5xx: RetryPolicy = { ...base, status: compileStatusRanges('500-599,429') };

describe('decideRetry', () => {
  it.each([
    ['connect error, POST', connect(), 'POST', true, true, base, 'retry'],
    ['connect error, GET', connect(), 'GET', false, true, base, 'retry'],
    ['connect error, disabled', connect(), 'GET', false, true, { ...base, disableRetryOnNetworkError: true }, 'keep'],
    ['reset after send, GET', reset(), 'GET', true, true, base, 'retry'],
    ['reset after send, POST', reset(), 'POST', true, true, base, 'keep'],
    ['reset after send, PATCH + retryNonIdempotent', reset(), 'PATCH', true, true, { ...base, retryNonIdempotentMethod: true }, 'retry'],
    ['reset before send, POST', reset(), 'POST', false, true, base, 'retry'],
    ['timeout after send, PUT', timeout(), 'PUT', true, true, base, 'retry'],
    ['timeout after send, POST', timeout(), 'POST', true, true, base, 'keep'],
    ['no server', empty(), 'GET', false, true, base, 'keep'],
    ['500 without status option', status(500), 'GET', true, true, base, 'keep'],
    ['500 with status ranges, GET', status(500), 'GET', true, true, with5xx, 'retry'],
    ['429 with status ranges, DELETE', status(429), 'DELETE', true, true, with5xx, 'retry'],
    ['503 with status ranges, POST', status(503), 'POST', true, true, with5xx, 'keep'],
    ['503 with ranges, POST + retryNonIdempotent', status(503), 'POST', true, true, { ...with5xx, retryNonIdempotentMethod: true }, 'retry'],
    ['404 with status ranges', status(404), 'GET', true, true, with5xx, 'keep'],
    ['body not replayable', connect(), 'POST', false, false, base, 'keep'],
    ['upgraded', { ...status(101), upgraded: true }, 'GET', true, true, with5xx, 'keep'],
  ] as const)('%s → %s', (_name, res, method, requestSent, replayable, policy, verdict) => {
    expect(decideRetry(res, { method, requestSent, replayable }, policy)).toBe(verdict);
  });
});

describe('backoffDelayMs', () => {
  it('starts at the initial interval and grows by 2^(1/(attempts-1)) (Traefik)', () => {
    expect(backoffDelayMs(0, 3, 5)).toBe(0);
    expect(backoffDelayMs(100, 1, 5)).toBe(100);
    expect(backoffDelayMs(100, 2, 5)).toBeCloseTo(100 * 2 ** 0.25);
    expect(backoffDelayMs(100, 4, 5)).toBeCloseTo(100 * 2 ** 0.75);
    expect(backoffDelayMs(100, 5, 5)).toBeCloseTo(200);
  });
});

/** A fake service: answers the scripted responses in order, recording what each attempt saw. */
function service(script: Array<() => HttpResponse>, opts: { sent?: boolean } = {}) {
  const calls: Array<{ attempts: number; body: string | undefined }> = [];
  const make = (ex: HttpExchange) => async () => {
    const i = calls.length;
    calls.push({ attempts: ex.attempts, body: ex.body?.toString() });
    ex.triedServers.add(`http://s${i}`);
    ex.requestSent = opts.sent ?? true;
    return (script[Math.min(i, script.length - 1)] ?? (() => status(200)))();
  };
  return { calls, make };
}

async function run(options: RetryOptions, script: Array<() => HttpResponse>, init: Parameters<typeof fakeExchange>[0] = {}, sent = true) {
  const ex = fakeExchange(init);
  const svc = service(script, { sent });
  const res = await createRetry(options, fakeContext().ctx)(ex, svc.make(ex));
  return { res, calls: svc.calls, ex };
}

describe('retry middleware', () => {
  it('retries a connect failure of a POST and replays the buffered body', async () => {
    const { res, calls, ex } = await run({ attempts: 3, initialInterval: 0 }, [connect, connect, () => status(200)], { method: 'POST', body: 'payload' }, false);
    expect(res.status).toBe(200);
    expect(calls.map((c) => c.body)).toEqual(['payload', 'payload', 'payload']);
    expect(calls.map((c) => c.attempts)).toEqual([0, 1, 2]);
    expect(ex.triedServers.size).toBe(3);
  });
  it('stops after `attempts` tries and returns the last failure', async () => {
    const { res, calls } = await run({ attempts: 2, initialInterval: '1ms' }, [connect]);
    expect(calls).toHaveLength(2);
    expect(res.error?.code).toBe('WHARF_UPSTREAM_CONNECT');
  });
  it('does not retry a POST whose body reached the server', async () => {
    const { res, calls } = await run({ attempts: 3, initialInterval: 0 }, [reset, () => status(200)], { method: 'POST', body: 'x' });
    expect(calls).toHaveLength(1);
    expect(res.status).toBe(502);
  });
  it('retries status ranges for GET and destroys the discarded body', async () => {
    const discarded = Readable.from(['error page']);
    const { res, calls } = await run({ attempts: 3, initialInterval: 0, status: '500-599' }, [
      () => ({ status: 503, headers: {}, body: discarded }),
      () => status(200),
    ]);
    expect(calls).toHaveLength(2);
    expect(res.status).toBe(200);
    expect((await bodyOf(res)).toString()).toBe('x');
    expect(discarded.destroyed).toBe(true);
  });
  it('does not retry a body larger than maxRequestBodyBytes, which still streams whole', async () => {
    const { res, calls, ex } = await run({ attempts: 3, initialInterval: 0, maxRequestBodyBytes: 4 }, [connect], { method: 'POST', body: 'too large body' }, false);
    expect(calls).toHaveLength(1);
    expect(res.status).toBe(502);
    expect(ex.body).toBeUndefined();
    const chunks: Buffer[] = [];
    for await (const c of ex.req) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('too large body');
  });
  it('stops retrying when the timeout budget is spent', async () => {
    const { calls } = await run({ attempts: 10, initialInterval: '50ms', timeout: '60ms' }, [connect]);
    expect(calls.length).toBeLessThan(10);
  });
  it('stops retrying when the generation is retired', async () => {
    const { ctx, controller } = fakeContext();
    const ex = fakeExchange();
    const svc = service([connect]);
    const pending = createRetry({ attempts: 5, initialInterval: '10s' }, ctx)(ex, svc.make(ex));
    setTimeout(() => controller.abort(), 20);
    const res = await pending;
    expect(svc.calls).toHaveLength(1);
    expect(res.status).toBe(502);
  });
});
