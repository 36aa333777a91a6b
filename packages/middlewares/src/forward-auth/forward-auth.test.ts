import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger, type HttpExchange } from '@wharf/config';
import { fakeContext } from '../testing/context.js';
import { bodyOf, fakeExchange, recordingNext } from '../testing/exchange.js';
import { createForwardAuth } from './forward-auth.js';
import type { ForwardAuthOptions } from './schema.js';

interface Seen { method: string; url: string; headers: IncomingMessage['headers']; body: string }
const seen: Seen[] = [];
let server: http.Server;
let address = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() });
      if (req.headers.authorization === 'Bearer good') {
        res.writeHead(200, { 'x-auth-user': 'alice', 'x-auth-role': 'admin', 'x-other': 'no', 'set-cookie': ['session=abc; Path=/', 'tracking=1'] });
        res.end('ignored');
      } else if (req.headers.authorization === 'Bearer big') {
        res.writeHead(403);
        res.end('x'.repeat(5000));
      } else {
        res.writeHead(302, { location: '/login?next=1', 'www-authenticate': 'Bearer' });
        res.end('go login');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  address = `http://127.0.0.1:${(server.address() as AddressInfo).port}/auth`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function run(o: Partial<ForwardAuthOptions>, init: Parameters<typeof fakeExchange>[0] = {}) {
  const { ctx, controller } = fakeContext();
  const step = createForwardAuth({ address, ...o }, ctx);
  const ex: HttpExchange = fakeExchange({ url: '/app/page?x=1', clientIP: '10.1.2.3', ...init });
  const rec = recordingNext({ headers: { 'set-cookie': ['session=backend', 'keep=1'] } });
  const res = await step(ex, rec.make(ex));
  controller.abort();
  return { res, next: rec.seen[0], auth: seen[seen.length - 1]!, locals: ex.locals };
}

describe('forwardAuth', () => {
  it('sends X-Forwarded-* to the auth server and continues on 2xx with copied headers and cookies', async () => {
    const { res, next, auth, locals } = await run(
      { authResponseHeaders: ['X-Auth-User'], authResponseHeadersRegex: '^X-Auth-R', addAuthCookiesToResponse: ['session'], headerField: 'X-Auth-User' },
      { headers: { authorization: 'Bearer good', 'x-auth-user': 'forged', 'x-forwarded-for': '6.6.6.6' } },
    );
    expect(auth).toMatchObject({ method: 'GET', url: '/auth' });
    expect(auth.headers).toMatchObject({
      'x-forwarded-for': '10.1.2.3', 'x-forwarded-method': 'GET', 'x-forwarded-proto': 'http',
      'x-forwarded-host': 'example.com', 'x-forwarded-uri': '/app/page?x=1', authorization: 'Bearer good',
    });
    expect(res.status).toBe(200);
    expect(next!.headers['x-auth-user']).toBe('alice');
    expect(next!.headers['x-auth-role']).toBe('admin');
    expect(next!.headers).not.toHaveProperty('x-other');
    expect(res.headers['set-cookie']).toEqual(['keep=1', 'session=abc; Path=/']);
    expect(locals.get('clientUsername')).toBe('alice');
  });
  it('returns the auth response on non-2xx with an absolute Location', async () => {
    const { res, next } = await run({});
    expect(next).toBeUndefined();
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(address.replace('/auth', '/login?next=1'));
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect((await bodyOf(res)).toString()).toBe('go login');
    expect((await run({ preserveLocationHeader: true })).res.headers.location).toBe('/login?next=1');
  });
  it('trustForwardHeader keeps client X-Forwarded-*; authRequestHeaders filters', async () => {
    const { auth } = await run(
      { trustForwardHeader: true, authRequestHeaders: ['Authorization'] },
      { headers: { authorization: 'Bearer good', 'x-forwarded-for': '6.6.6.6', 'x-forwarded-proto': 'https', cookie: 'c=1' } },
    );
    expect(auth.headers['x-forwarded-for']).toBe('6.6.6.6, 10.1.2.3');
    expect(auth.headers['x-forwarded-proto']).toBe('https');
    expect(auth.headers).not.toHaveProperty('cookie');
  });
  it('forwards the body with preserveRequestMethod and enforces maxBodySize', async () => {
    const { auth, next } = await run(
      { forwardBody: true, preserveRequestMethod: true },
      { method: 'POST', body: 'payload', headers: { authorization: 'Bearer good' } },
    );
    expect(auth).toMatchObject({ method: 'POST', body: 'payload' });
    expect(next).toBeDefined();
    const big = await run({ forwardBody: true, maxBodySize: 3 }, { method: 'POST', body: 'payload', headers: { authorization: 'Bearer good' } });
    expect(big.res.status).toBe(401);
  });
  it('limits the auth response body and answers 500 when the auth server is down', async () => {
    expect((await run({ maxResponseBodySize: 100 }, { headers: { authorization: 'Bearer big' } })).res.status).toBe(401);
    const warnings: string[] = [];
    const { ctx } = fakeContext({ logger: { ...silentLogger, warn: (msg) => warnings.push(msg) } });
    const down = createForwardAuth({ address: 'http://127.0.0.1:1/auth' }, ctx);
    const ex = fakeExchange();
    expect((await down(ex, recordingNext().make(ex))).status).toBe(500);
    expect(warnings).toEqual(['forwardAuth: auth server unreachable']);
  });
});
