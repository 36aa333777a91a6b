import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createFixtureSource } from './fixtures/fixture-source.js';
import Fastify from 'fastify';
import { createTestServer, fixtureVersion } from './fixtures/test-server.js';
import { registerApiRoutes } from './server.js';

const { app, source } = createTestServer();
afterAll(() => app.close());

describe('/api/wharf/overview', () => {
  it('counts services by health; all servers DOWN is an error, not success', async () => {
    const body = (await app.inject('/api/wharf/overview')).json();
    expect(body.health).toEqual({ healthy: 1, degraded: 1, down: 1, unknown: 2 });
    expect(body.effectiveServices).toEqual({ total: 5, warnings: 1, errors: 2 });
    expect(body.diagnostics).toEqual({ total: 3, errors: 1, warnings: 2 });
    expect(body.generation).toBe(7);
  });
});

describe('/api/wharf/diagnostics', () => {
  it.each([
    ['', 3],
    ['?provider=Docker', 2],
    ['?provider=file', 1],
    ['?search=stsSecond', 1],
    ['?search=worker', 1],
    ['?severity=error', 1],
    ['?provider=docker&search=label_unknown', 1],
  ])('%s → %i', async (q, count) => {
    const res = await app.inject(`/api/wharf/diagnostics${q}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toHaveLength(count);
    expect(res.headers['x-next-page']).toBe('1');
  });
});

describe('/api/wharf/match', () => {
  it('passes a parsed query to explainMatch and returns its answer', async () => {
    const src = createFixtureSource(undefined, (q) => ({
      matched: true,
      router: 'api@file',
      priority: 44,
      service: 'api@file',
      middlewares: ['auth@file'],
      server: 'http://10.0.0.10:3000',
      tried: [{ router: 'canary@file', priority: 100, matched: false, failedMatcher: `Host(\`${new URL(q.url).hostname}\`)` }],
    }));
    const { app: local } = createTestServer({ source: src });
    const url = encodeURIComponent('http://app.example.com/api/x?y=1');
    const res = await local.inject(`/api/wharf/match?entryPoint=web&url=${url}&method=post&header=X-A:1&header=x-a: 2&header=Accept:json&clientIP=10.1.1.1`);
    expect(res.statusCode).toBe(200);
    expect(res.json().router).toBe('api@file');
    expect(src.queries).toEqual([
      {
        entryPoint: 'web',
        url: 'http://app.example.com/api/x?y=1',
        method: 'POST',
        headers: { 'x-a': '1, 2', accept: 'json' },
        clientIP: '10.1.1.1',
      },
    ]);
    await local.close();
  });

  it('proto=tcp passes a parsed TCP query to explainTcpMatch', async () => {
    const tcpQueries: unknown[] = [];
    const src = createFixtureSource();
    src.explainTcpMatch = (q) => {
      tcpQueries.push(q);
      return { matched: true, router: 'db@file', priority: 20, service: 'db@file', mode: 'passthrough', peeked: true, tried: [] };
    };
    const { app: local } = createTestServer({ source: src });
    const res = await local.inject('/api/wharf/match?proto=tcp&entryPoint=web&sni=db.example&alpn=postgresql&clientIP=10.1.1.1');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ router: 'db@file', mode: 'passthrough' });
    expect(tcpQueries).toEqual([{ entryPoint: 'web', tls: true, sni: 'db.example', alpn: ['postgresql'], clientIP: '10.1.1.1' }]);
    expect((await local.inject('/api/wharf/match?proto=udp&entryPoint=web')).json().message).toMatch(/proto: udp/);
    await local.close();
    // a source without TCP routing says so
    expect((await app.inject('/api/wharf/match?proto=tcp&entryPoint=web')).json().message).toMatch(/no TCP routing/);
  });

  it.each([
    ['entryPoint=nope&url=http%3A%2F%2Fa%2F', /entryPoint/],
    ['url=http%3A%2F%2Fa%2F', /entryPoint/],
    ['entryPoint=web&url=not-a-url', /url/],
    ['entryPoint=web&url=ftp%3A%2F%2Fa%2F', /url/],
    ['entryPoint=web', /url/],
    ['entryPoint=web&url=http%3A%2F%2Fa%2F&header=nocolon', /header/],
  ])('400 for %s', async (q, pattern) => {
    const res = await app.inject(`/api/wharf/match?${q}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/^invalid request: /);
    expect(res.json().message).toMatch(pattern);
  });
});

describe('/api/wharf/events', () => {
  it('streams a pushed event and unsubscribes on disconnect', async () => {
    const { app: live, source: src } = createTestServer({ heartbeatMs: 50 });
    await live.listen({ port: 0, host: '127.0.0.1' });
    const { port } = live.server.address() as AddressInfo;
    let text = '';
    const req = request({ host: '127.0.0.1', port, path: '/api/wharf/events' });
    const done = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no event in time; got: ${text}`)), 10_000);
      req.on('response', (res) => {
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (text.includes('event: ready') && !text.includes('server-state')) {
            src.push({ type: 'server-state', service: 'whoami@docker', url: 'http://172.18.0.3:80', state: 'UP', at: 'now' });
          }
          if (text.includes('event: server-state') && text.includes(': heartbeat')) {
            clearTimeout(timer);
            resolve(text);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    const body = await done;
    expect(body).toContain('event: ready\ndata: {"type":"ready","generation":7}\n\n');
    expect(body).toContain('event: server-state\ndata: {"type":"server-state","service":"whoami@docker"');
    expect(src.listenerCount()).toBe(1);
    req.destroy();
    for (let i = 0; i < 100 && src.listenerCount() > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(src.listenerCount()).toBe(0);
    await live.close();
  });

  it('ends open streams when the server closes', async () => {
    const { app: live, source: src } = createTestServer();
    await live.listen({ port: 0, host: '127.0.0.1' });
    const { port } = live.server.address() as AddressInfo;
    const ended = new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/wharf/events' }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end();
    });
    for (let i = 0; i < 100 && src.listenerCount() === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(src.listenerCount()).toBe(1);
    await live.close();
    await ended;
    expect(src.listenerCount()).toBe(0);
  });
});

describe('/api/wharf/providers', () => {
  it('lists every provider state in precedence order, with counts and the last error', async () => {
    const body = (await app.inject('/api/wharf/providers')).json();
    expect(body.map((p: { name: string; state: string }) => `${p.name}:${p.state}`)).toEqual(['docker:connected', 'file:connected', 'redis:retrying']);
    expect(body[0].elements.http).toEqual({ routers: 3, services: 3, middlewares: 1 });
    expect(body[2].lastError.code).toBe('WHARF_KV_UNAVAILABLE');
    expect(body[2].restarts).toBe(2);
  });

  it('answers an empty list when the source knows no provider states', async () => {
    const bare = createFixtureSource();
    delete (bare as { providerStates?: unknown }).providerStates;
    const local = createTestServer({ source: bare }).app;
    expect((await local.inject('/api/wharf/providers')).json()).toEqual([]);
    await local.close();
  });
});

describe('/api/wharf/openapi.json', () => {
  it('describes every registered route', async () => {
    const routes: string[] = [];
    const local = Fastify();
    local.addHook('onRoute', (r) => {
      if (r.method === 'GET' || (Array.isArray(r.method) && r.method.includes('GET'))) routes.push(r.url);
    });
    registerApiRoutes(local, {
      source: createFixtureSource(),
      entryPoints: [],
      version: fixtureVersion,
      dashboard: true,
      dashboardDir: '/nonexistent',
      ping: { isShuttingDown: () => false, terminatingStatusCode: 503 },
    });
    await local.ready();
    const doc = (await local.inject('/api/wharf/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const paths = new Set(Object.keys(doc.paths));
    const toOpenApi = (url: string): string => url.replace(/:(\w+)/g, '{$1}').replace(/\/\*$/, '/{path}');
    expect(routes.length).toBeGreaterThan(20);
    const missing = routes.map(toOpenApi).filter((p) => !paths.has(p));
    expect(missing).toEqual([]);
    await local.close();
  });
});

describe('source wiring', () => {
  it('reads the source on every request (no caching of the view)', async () => {
    const view = source.view();
    expect((await app.inject('/api/http/routers/whoami@docker')).json().status).toBe('enabled');
    view.routers['whoami@docker']!.status = 'warning';
    expect((await app.inject('/api/http/routers/whoami@docker')).json().status).toBe('warning');
    view.routers['whoami@docker']!.status = 'enabled';
  });
});
