import { describe, expect, it } from 'vitest';
import type { IncomingHttpHeaders } from 'node:http';
import { fakeExchange, recordingNext } from '../testing/exchange.js';
import { createHeaders } from './headers.js';
import type { HeadersOptions } from './schema.js';

async function run(options: HeadersOptions, init: { method?: string; headers?: IncomingHttpHeaders; host?: string } = {}) {
  const ex = fakeExchange({ url: '/', ...init });
  const rec = recordingNext({ headers: { 'content-type': 'text/plain', server: 'backend', 'x-old': '1' } });
  const res = await createHeaders(options)(ex, rec.make(ex));
  return { res, seen: rec.seen[0] };
}

describe('headers: custom', () => {
  it('sets and removes request and response headers', async () => {
    const { res, seen } = await run(
      { customRequestHeaders: { 'X-Script-Name': 'test', 'X-Drop': '' }, customResponseHeaders: { Server: '', 'X-Custom': 'v' } },
      { headers: { 'x-drop': 'secret' } },
    );
    expect(seen!.headers['x-script-name']).toBe('test');
    expect(seen!.headers).not.toHaveProperty('x-drop');
    expect(res.headers).not.toHaveProperty('server');
    expect(res.headers['x-custom']).toBe('v');
    expect(res.headers['x-old']).toBe('1');
  });

  it('a custom Host header changes the host later rules and middlewares see, normalized as the proxy does', async () => {
    for (const [host, expected] of [['[::1]:8080', '::1'], ['Example.COM.:443', 'example.com'], ['plain.test', 'plain.test']]) {
      const ex = fakeExchange({ url: '/' });
      await createHeaders({ customRequestHeaders: { Host: host! } })(ex, recordingNext().make(ex));
      expect(ex.host).toBe(expected);
    }
  });
});

describe('headers: CORS', () => {
  const cors: HeadersOptions = {
    accessControlAllowMethods: ['GET', 'OPTIONS', 'PUT'],
    accessControlAllowHeaders: ['*'],
    accessControlAllowOriginList: ['https://foo.bar.org', 'https://example.org'],
    accessControlAllowOriginListRegex: ['^https://.*\\.corp\\.net$'],
    accessControlMaxAge: 100,
    accessControlExposeHeaders: ['X-Total'],
    addVaryHeader: true,
  };
  it('answers a preflight without calling next', async () => {
    const { res, seen } = await run(cors, {
      method: 'OPTIONS',
      headers: { origin: 'https://example.org', 'access-control-request-method': 'PUT' },
    });
    expect(seen).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({
      'access-control-allow-methods': 'GET,OPTIONS,PUT',
      'access-control-allow-headers': '*',
      'access-control-allow-origin': 'https://example.org',
      'access-control-max-age': '100',
      vary: 'Origin',
    });
  });
  it('decorates a simple request from an allowed (regex) origin, not from others', async () => {
    const ok = await run(cors, { headers: { origin: 'https://app.corp.net' } });
    expect(ok.res.headers['access-control-allow-origin']).toBe('https://app.corp.net');
    expect(ok.res.headers['access-control-expose-headers']).toBe('X-Total');
    const denied = await run(cors, { headers: { origin: 'https://evil.com' } });
    expect(denied.res.headers).not.toHaveProperty('access-control-allow-origin');
  });
  it('echoes the origin for * with credentials', async () => {
    const { res } = await run({ accessControlAllowOriginList: ['*'], accessControlAllowCredentials: true }, { headers: { origin: 'https://a.b' } });
    expect(res.headers['access-control-allow-origin']).toBe('https://a.b');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    const star = await run({ accessControlAllowOriginList: ['*'] }, { headers: { origin: 'https://a.b' } });
    expect(star.res.headers['access-control-allow-origin']).toBe('*');
  });
  it('an OPTIONS without CORS config is forwarded', async () => {
    const { seen } = await run({ frameDeny: true }, { method: 'OPTIONS', headers: { origin: 'x', 'access-control-request-method': 'GET' } });
    expect(seen).toBeDefined();
  });
});

describe('headers: precedence', () => {
  it('CORS and security headers win over custom response headers, as in Traefik', async () => {
    const { res } = await run(
      { customResponseHeaders: { 'Access-Control-Allow-Origin': 'https://x', 'X-Frame-Options': 'ALLOW' }, accessControlAllowOriginList: ['https://a.b'], frameDeny: true },
      { headers: { origin: 'https://a.b' } },
    );
    expect(res.headers['access-control-allow-origin']).toBe('https://a.b');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

describe('headers: security', () => {
  const secure: HeadersOptions = {
    stsSeconds: 31536000, stsIncludeSubdomains: true, stsPreload: true, frameDeny: true, contentTypeNosniff: true,
    browserXssFilter: true, contentSecurityPolicy: "default-src 'self'", referrerPolicy: 'same-origin', permissionsPolicy: 'camera=()',
  };
  it('sets the security headers; STS only over https unless forced', async () => {
    const { res } = await run(secure, { headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers).toMatchObject({
      'strict-transport-security': 'max-age=31536000; includeSubDomains; preload',
      'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff', 'x-xss-protection': '1; mode=block',
      'content-security-policy': "default-src 'self'", 'referrer-policy': 'same-origin', 'permissions-policy': 'camera=()',
    });
    expect((await run(secure)).res.headers).not.toHaveProperty('strict-transport-security');
    expect((await run({ ...secure, forceSTSHeader: true })).res.headers['strict-transport-security']).toMatch(/^max-age=31536000/);
    expect((await run({ ...secure, isDevelopment: true, forceSTSHeader: true })).res.headers).not.toHaveProperty('strict-transport-security');
  });
  it('allowedHosts rejects other hosts with 500, honouring hostsProxyHeaders and isDevelopment', async () => {
    const o: HeadersOptions = { allowedHosts: ['good.com'], hostsProxyHeaders: ['X-Forwarded-Host'] };
    expect((await run(o, { host: 'good.com' })).res.status).toBe(200);
    const bad = await run(o, { host: 'bad.com' });
    expect(bad.res.status).toBe(500);
    expect(bad.seen).toBeUndefined();
    expect((await run(o, { host: 'bad.com', headers: { 'x-forwarded-host': 'good.com' } })).res.status).toBe(200);
    expect((await run({ ...o, isDevelopment: true }, { host: 'bad.com' })).res.status).toBe(200);
  });
});
