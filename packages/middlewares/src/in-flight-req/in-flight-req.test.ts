import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '@wharf/config';
import { fakeContext } from '../testing/context.js';
import { fakeExchange } from '../testing/exchange.js';
import { createInFlightReq } from './in-flight-req.js';

describe('inFlightReq', () => {
  it('rejects over `amount` per source with 429 and frees slots when bodies finish', async () => {
    const step = createInFlightReq({ amount: 2, sourceCriterion: { requestHeaderName: 'x-user' } }, fakeContext().ctx);
    const bodies: PassThrough[] = [];
    const next = async (): Promise<HttpResponse> => {
      const body = new PassThrough();
      bodies.push(body);
      return { status: 200, headers: {}, body };
    };
    const call = (user: string) => step(fakeExchange({ headers: { 'x-user': user } }), next);
    expect((await call('a')).status).toBe(200);
    expect((await call('a')).status).toBe(200);
    expect((await call('a')).status).toBe(429);
    expect((await call('b')).status).toBe(200);
    bodies[0]!.end('done');
    bodies[0]!.resume();
    await new Promise((r) => setTimeout(r, 20));
    expect((await call('a')).status).toBe(200);
  });
  it('frees the slot when next throws', async () => {
    const step = createInFlightReq({ amount: 1 }, fakeContext().ctx);
    await expect(step(fakeExchange(), () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect((await step(fakeExchange(), async () => ({ status: 200, headers: {}, body: null }))).status).toBe(200);
  });
});
