import { describe, expect, it } from 'vitest';
import { UpstreamErrors, type HttpExchange, type HttpResponse } from '@wharf/config';
import { bodyOf, fakeExchange, streamOf } from '../testing/exchange.js';
import { createBuffering } from './buffering.js';
import type { BufferingOptions } from './schema.js';

async function run(o: BufferingOptions, reply: (ex: HttpExchange, i: number) => HttpResponse, init: Parameters<typeof fakeExchange>[0] = {}) {
  const ex = fakeExchange(init);
  const bodies: Array<string | undefined> = [];
  const res = await createBuffering(o)(ex, async () => {
    bodies.push(ex.body?.toString());
    return reply(ex, bodies.length);
  });
  return { res, bodies, ex };
}
const ok = (): HttpResponse => ({ status: 200, headers: {}, body: streamOf('response body', 4) });

describe('buffering', () => {
  it('buffers the request body and the streamed response (with Content-Length)', async () => {
    const { res, bodies } = await run({}, ok, { method: 'POST', body: 'hello' });
    expect(bodies).toEqual(['hello']);
    expect(Buffer.isBuffer(res.body)).toBe(true);
    expect(res.headers['content-length']).toBe(13);
    expect((await bodyOf(res)).toString()).toBe('response body');
  });
  it('answers 413 over maxRequestBodyBytes without calling next', async () => {
    const { res, bodies } = await run({ maxRequestBodyBytes: 3 }, ok, { method: 'POST', body: 'hello' });
    expect(res.status).toBe(413);
    expect(bodies).toEqual([]);
  });
  it('answers 500 over maxResponseBodyBytes', async () => {
    expect((await run({ maxResponseBodyBytes: 5 }, ok)).res.status).toBe(500);
    expect((await run({ maxResponseBodyBytes: 5, disableResponseBuffer: true }, ok)).res.status).toBe(200);
  });
  it('retries while retryExpression holds, replaying the body', async () => {
    const failing = (_ex: HttpExchange, i: number): HttpResponse =>
      i < 3 ? { status: 502, headers: {}, body: null, error: UpstreamErrors.connectFailed('x') } : ok();
    const { res, bodies, ex } = await run({ retryExpression: 'IsNetworkError() && Attempts() < 5' }, failing, { method: 'POST', body: 'b' });
    expect(res.status).toBe(200);
    expect(bodies).toEqual(['b', 'b', 'b']);
    expect(ex.attempts).toBe(2);
    const capped = await run({ retryExpression: 'IsNetworkError() && Attempts() < 2' }, failing);
    expect(capped.res.status).toBe(502);
    expect(capped.bodies).toHaveLength(2);
    expect(() => createBuffering({ retryExpression: 'Nope()' })).toThrow(expect.objectContaining({ code: 'WHARF_MIDDLEWARE_OPTIONS' }));
  });
});
