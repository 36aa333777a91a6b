import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { UpstreamErrors, type HttpExchange, type HttpResponse } from '@wharf/config';
import { composeSteps } from './chain/compose.js';
import { findMiddleware } from './registry.js';
import { fakeContext } from './testing/context.js';
import { bodyOf, fakeExchange } from './testing/exchange.js';

/** Builds steps from a Traefik-like spec list through the registry, as the runtime does. */
function build(specs: Array<Record<string, unknown>>) {
  const { ctx } = fakeContext();
  return composeSteps(
    specs.map((spec) => {
      const [key, options] = Object.entries(spec)[0]!;
      return findMiddleware(key)!.create(options as never, ctx);
    }),
  );
}

describe('middlewares composed like a router chain', () => {
  it('auth → strip → headers → compress → retry → service', async () => {
    const step = build([
      { basicAuth: { users: ['bob:{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ='], removeHeader: true, headerField: 'X-User' } },
      { stripprefix: { prefixes: ['/api'] } },
      { headers: { customResponseHeaders: { 'X-Served-By': 'wharf' }, frameDeny: true } },
      { compress: {} },
      { retry: { attempts: 3, initialInterval: 0 } },
    ]);
    const seen: Array<{ path: string; user: unknown; attempts: number }> = [];
    const service = (ex: HttpExchange) => async (): Promise<HttpResponse> => {
      seen.push({ path: ex.path, user: ex.headers['x-user'], attempts: ex.attempts });
      if (seen.length === 1) return { status: 502, headers: {}, body: null, error: UpstreamErrors.connectFailed('refused') };
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data: 'x'.repeat(4000) }) };
    };
    const ex = fakeExchange({
      url: '/api/items',
      headers: { authorization: `Basic ${Buffer.from('bob:secret').toString('base64')}`, 'accept-encoding': 'gzip' },
    });
    const res = await step(ex, service(ex));
    expect(seen).toEqual([
      { path: '/items', user: 'bob', attempts: 0 },
      { path: '/items', user: 'bob', attempts: 1 },
    ]);
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({ 'x-served-by': 'wharf', 'x-frame-options': 'DENY', 'content-encoding': 'gzip' });
    expect(JSON.parse(zlib.gunzipSync(await bodyOf(res)).toString()).data).toHaveLength(4000);
  });
  it('an earlier middleware short-circuits: the service and retry never run', async () => {
    const step = build([{ ipAllowList: { sourceRange: ['10.0.0.0/8'] } }, { retry: { attempts: 3 } }]);
    let calls = 0;
    const res = await step(fakeExchange({ clientIP: '192.168.0.1' }), async () => (calls++, { status: 200, headers: {}, body: null }));
    expect(res.status).toBe(403);
    expect(calls).toBe(0);
  });
});
