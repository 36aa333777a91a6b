import { afterAll, describe, expect, it } from 'vitest';
import { createTestServer } from './fixtures/test-server.js';

const { app } = createTestServer();
afterAll(() => app.close());

async function names(url: string): Promise<string[]> {
  const res = await app.inject(url);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as Array<{ name: string }>).map((x) => x.name);
}

describe('pagination', () => {
  it('defaults to page 1 of 100 with X-Next-Page 1', async () => {
    const res = await app.inject('/api/http/routers');
    expect(res.headers['x-next-page']).toBe('1');
    expect(res.json()).toHaveLength(5);
  });

  it('walks pages with X-Next-Page', async () => {
    const p1 = await app.inject('/api/http/routers?per_page=2');
    expect(p1.headers['x-next-page']).toBe('2');
    const p3 = await app.inject('/api/http/routers?per_page=2&page=3');
    expect(p3.headers['x-next-page']).toBe('1');
    expect(p3.json()).toHaveLength(1);
    const all = [...p1.json(), ...(await app.inject('/api/http/routers?per_page=2&page=2')).json(), ...p3.json()];
    expect(all.map((r: { name: string }) => r.name)).toEqual(await names('/api/http/routers'));
  });

  it.each(['page=0', 'page=-1', 'page=x', 'per_page=0', 'per_page=1.5', 'page=4&per_page=2'])('rejects %s with 400', async (q) => {
    const res = await app.inject(`/api/http/routers?${q}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/^invalid request: /);
  });

  it('allows page 1 of an empty list', async () => {
    const res = await app.inject('/api/udp/routers?page=1');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([]);
    expect((await app.inject('/api/udp/routers?page=2')).statusCode).toBe(400);
  });
});

describe('filters', () => {
  it('search matches name or rule, case-insensitively', async () => {
    expect(await names('/api/http/routers?search=WHOAMI')).toEqual(['whoami@docker']);
    expect(await names('/api/http/routers?search=app.example')).toEqual(['api@file', 'canary@file']);
    expect(await names('/api/http/services?search=Can')).toEqual(['canary@file']);
    expect(await names('/api/http/services?search=app.example')).toEqual([]);
  });

  it('status filters case-insensitively', async () => {
    expect(await names('/api/http/routers?status=Disabled')).toEqual(['broken@docker']);
    expect(await names('/api/http/middlewares?status=warning')).toEqual(['secure-headers@file']);
  });

  it('serviceName compares the part before @ when unqualified', async () => {
    expect(await names('/api/http/routers?serviceName=whoami@docker')).toEqual(['whoami@docker']);
    expect(await names('/api/http/routers?serviceName=api')).toEqual(['api@file']);
    expect(await names('/api/http/routers?serviceName=api@docker')).toEqual([]);
  });

  it('health (wharf) filters services by live health', async () => {
    expect(await names('/api/http/services?health=down')).toEqual(['shop@docker']);
    expect(await names('/api/http/services?health=Degraded')).toEqual(['whoami@docker']);
    expect(await names('/api/http/services?health=unknown')).toEqual(['bad@docker', 'canary@file']);
  });

  it('router-only filters are ignored on other lists (Traefik)', async () => {
    expect(await names('/api/http/services?serviceName=x&middlewareName=y')).toHaveLength(5);
    expect(await names('/api/http/routers?health=down')).toHaveLength(5);
  });

  it('middlewareName is an exact element of the chain', async () => {
    expect(await names('/api/http/routers?middlewareName=strip@file')).toEqual(['api@file', 'shop@docker']);
    expect(await names('/api/http/routers?middlewareName=strip')).toEqual([]);
  });
});

describe('sorting', () => {
  it.each([
    ['router', 'sortBy=priority', ['broken@docker', 'whoami@docker', 'shop@docker', 'api@file', 'canary@file']],
    ['router', 'sortBy=priority&direction=desc', ['canary@file', 'api@file', 'shop@docker', 'whoami@docker', 'broken@docker']],
    ['router', 'sortBy=provider', ['broken@docker', 'shop@docker', 'whoami@docker', 'api@file', 'canary@file']],
    ['router', 'sortBy=status', ['broken@docker', 'api@file', 'shop@docker', 'whoami@docker', 'canary@file']],
    ['router', 'sortBy=entryPoints&direction=desc', ['api@file', 'whoami@docker', 'shop@docker', 'canary@file', 'broken@docker']],
    ['router', 'sortBy=service', ['api@file', 'canary@file', 'broken@docker', 'shop@docker', 'whoami@docker']],
    ['router', 'sortBy=rule', ['canary@file', 'api@file', 'broken@docker', 'shop@docker', 'whoami@docker']],
    ['router', 'direction=desc', ['whoami@docker', 'shop@docker', 'canary@file', 'broken@docker', 'api@file']],
    ['service', 'sortBy=servers&direction=desc', ['api@file', 'whoami@docker', 'shop@docker', 'canary@file', 'bad@docker']],
    ['service', 'sortBy=type', ['api@file', 'bad@docker', 'shop@docker', 'whoami@docker', 'canary@file']],
    ['middleware', 'sortBy=type', ['auth@file', 'secure-headers@file', 'strip@file']],
    ['middleware', 'sortBy=status&direction=desc', ['secure-headers@file', 'strip@file', 'auth@file']],
  ])('%s %s', async (kind, q, expected) => {
    expect(await names(`/api/http/${kind}s?${q}`)).toEqual(expected);
  });

  it.each(['__proto__', 'constructor', 'hasOwnProperty', 'toString'])('sortBy=%s falls back to name (not Object.prototype, no 500)', async (key) => {
    for (const list of ['/api/http/routers', '/api/http/services', '/api/http/middlewares']) {
      expect(await names(`${list}?sortBy=${key}`)).toEqual(await names(list));
    }
  });

  it('entryPoints sort is by count with the name as tie-break', async () => {
    expect(await names('/api/http/routers?sortBy=entryPoints')).toEqual([
      'broken@docker',
      'canary@file',
      'shop@docker',
      'whoami@docker',
      'api@file',
    ]);
  });
});

describe('details', () => {
  it('URL-decodes the name', async () => {
    const res = await app.inject('/api/http/routers/api%40file');
    expect(res.json().name).toBe('api@file');
  });

  it.each([
    ['/api/http/routers/x', 'router not found: x'],
    ['/api/http/services/x@file', 'service not found: x@file'],
    ['/api/http/middlewares/x', 'middleware not found: x'],
    ['/api/tcp/routers/foo%2Fbar@p', 'router not found: foo/bar@p'],
    ['/api/udp/services/x', 'service not found: x'],
  ])('%s → 404', async (url, message) => {
    const res = await app.inject(url);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ message });
  });

  it('serves tcp and udp elements', async () => {
    expect((await app.inject('/api/tcp/routers/db@file')).json().rule).toBe('HostSNI(`*`)');
    expect((await app.inject('/api/udp/services/dns@file')).json().status).toBe('warning');
  });
});
