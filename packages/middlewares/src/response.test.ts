import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '@wharf/config';
import { findMiddleware } from './registry.js';
import { fakeContext } from './testing/context.js';
import { fakeExchange } from './testing/exchange.js';

describe('response headers are never edited in place', () => {
  const shared: HttpResponse = Object.freeze({
    status: 200,
    headers: Object.freeze({ 'content-type': 'text/html', server: 'backend' }),
    body: 'x'.repeat(2000),
  }) as HttpResponse;
  it.each([
    ['headers', { customResponseHeaders: { Server: '', 'X-A': 'b' }, frameDeny: true }],
    ['compress', {}],
    ['buffering', {}],
    ['contentType', {}],
  ] as const)('%s works on a frozen, shared response', async (key, options) => {
    const step = findMiddleware(key)!.create(options as never, fakeContext().ctx);
    const res = await step(fakeExchange({ headers: { 'accept-encoding': 'gzip' } }), async () => shared);
    expect(res.status).toBe(200);
    expect(shared.headers).toEqual({ 'content-type': 'text/html', server: 'backend' });
  });
});
