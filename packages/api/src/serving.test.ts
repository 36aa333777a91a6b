import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HttpExchange } from '@wharf/config';
import { afterAll, describe, expect, it } from 'vitest';
import { createInternalApiHandler } from './internal-handler.js';
import { normalizeBasePath } from './options.js';
import { createTestServer } from './fixtures/test-server.js';

const dir = mkdtempSync(join(tmpdir(), 'wharf-dash-'));
mkdirSync(join(dir, 'assets'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><meta name="wharf-base" content="../"></head><body></body></html>');
writeFileSync(join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
writeFileSync(join(dir, 'assets', 'app-1234.css'), 'body{}');
writeFileSync(join(dir, 'favicon.svg'), '<svg/>');
writeFileSync(join(tmpdir(), 'wharf-secret.txt'), 'secret');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('basePath', () => {
  it.each([
    [undefined, '/'],
    ['/', '/'],
    ['/sub', '/sub/'],
    ['sub/', '/sub/'],
    ['/a/b/', '/a/b/'],
  ])('normalizes %s to %s', (input, output) => {
    expect(normalizeBasePath(input)).toBe(output);
  });

  it('prefixes every route and redirects the base to the dashboard', async () => {
    const { app } = createTestServer({ basePath: '/sub/', dashboardDir: dir });
    expect((await app.inject('/sub/api/overview')).statusCode).toBe(200);
    expect((await app.inject('/api/overview')).statusCode).toBe(404);
    const redirect = await app.inject('/sub/');
    expect(redirect.statusCode).toBe(302);
    expect(redirect.headers.location).toBe('/sub/dashboard/');
    expect((await app.inject('/sub')).headers.location).toBe('/sub/dashboard/');
    const html = await app.inject('/sub/dashboard/');
    expect(html.body).toContain('<meta name="wharf-base" content="/sub/">');
    expect(html.body).not.toContain('content="../"');
    await app.close();
  });

  it('honours a relative X-Forwarded-Prefix, ignores an absolute one', async () => {
    const { app } = createTestServer({ dashboardDir: dir });
    const res = await app.inject({ url: '/', headers: { 'x-forwarded-prefix': '/edge' } });
    expect(res.headers.location).toBe('/edge/dashboard/');
    const html = await app.inject({ url: '/dashboard/', headers: { 'x-forwarded-prefix': '/edge/' } });
    expect(html.body).toContain('content="/edge/"');
    const evil = await app.inject({ url: '/', headers: { 'x-forwarded-prefix': '//evil.example' } });
    expect(evil.headers.location).toBe('/dashboard/');
    await app.close();
  });
});

describe('dashboard files', () => {
  const { app } = createTestServer({ dashboardDir: dir });
  afterAll(() => app.close());

  it.each([
    ['/dashboard/assets/app-1234.js', 'text/javascript; charset=utf-8', 'immutable'],
    ['/dashboard/assets/app-1234.css', 'text/css; charset=utf-8', 'immutable'],
    ['/dashboard/favicon.svg', 'image/svg+xml', 'no-cache'],
  ])('%s has %s', async (url, type, cache) => {
    const res = await app.inject(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(String(res.headers['cache-control'])).toContain(cache);
  });

  it('falls back to index.html for SPA paths, 404 for missing assets', async () => {
    const spa = await app.inject('/dashboard/http/routers');
    expect(spa.statusCode).toBe(200);
    expect(spa.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(spa.body).toContain('content="/"');
    expect((await app.inject('/dashboard/assets/nope.js')).statusCode).toBe(404);
  });

  it('never serves files outside the directory', async () => {
    for (const url of ['/dashboard/../wharf-secret.txt', '/dashboard/%2e%2e/wharf-secret.txt', '/dashboard/..%2fwharf-secret.txt']) {
      const res = await app.inject(url);
      expect(res.body).not.toContain('secret');
    }
  });

  it('redirects /dashboard to /dashboard/', async () => {
    const res = await app.inject('/dashboard');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/dashboard/');
  });

  it('is absent when the dashboard is disabled', async () => {
    const { app: off } = createTestServer({ dashboard: false, dashboardDir: dir });
    expect((await off.inject('/dashboard/')).statusCode).toBe(404);
    expect((await off.inject('/')).statusCode).toBe(404);
    await off.close();
  });
});

describe("Traefik's own webui as dashboard directory", () => {
  // webui/index.html as Traefik ships it: a Go template rendered by pkg/api/dashboard
  const traefikDir = mkdtempSync(join(tmpdir(), 'wharf-traefik-webui-'));
  writeFileSync(join(traefikDir, 'index.html'), '<!DOCTYPE html><html><head>\n{{if .APIUrl}}\n<script>\n  window.APIUrl = "{{.APIUrl}}"\n</script>\n{{end}}\n</head><body></body></html>');
  afterAll(() => rmSync(traefikDir, { recursive: true, force: true }));

  it('renders window.APIUrl = <base>api/ (Traefik: basePath + "/api/"), with the base path and forwarded prefix', async () => {
    const { app } = createTestServer({ basePath: '/sub/', dashboardDir: traefikDir });
    const html = (await app.inject('/sub/dashboard/')).body;
    expect(html).toContain('window.APIUrl = "/sub/api/"');
    expect(html).not.toContain('{{');
    const proxied = (await app.inject({ url: '/sub/dashboard/', headers: { 'x-forwarded-prefix': '/edge$&' } })).body;
    expect(proxied).toContain('window.APIUrl = "/edge$&/sub/api/"');
    await app.close();
  });
});

describe('/ping', () => {
  it('answers OK, then the terminating status while shutting down', async () => {
    let shuttingDown = false;
    const { app } = createTestServer({ ping: { isShuttingDown: () => shuttingDown, terminatingStatusCode: 503 } });
    const ok = await app.inject('/ping');
    expect([ok.statusCode, ok.body]).toEqual([200, 'OK']);
    expect((await app.inject({ method: 'HEAD', url: '/ping' })).statusCode).toBe(200);
    shuttingDown = true;
    expect((await app.inject('/ping')).statusCode).toBe(503);
    await app.close();
  });

  it('is absent unless enabled', async () => {
    const { app } = createTestServer();
    expect((await app.inject('/ping')).statusCode).toBe(404);
    await app.close();
  });
});

describe('extraRoutes', () => {
  it('lets the app plug more routes in (metrics)', async () => {
    const { app } = createTestServer({ extraRoutes: (a) => a.get('/metrics', async () => 'm 1') });
    expect((await app.inject('/metrics')).body).toBe('m 1');
    await app.close();
  });
});

describe('createInternalApiHandler (api@internal)', () => {
  it('serves the API on a foreign server using the exchange path', async () => {
    const { app } = createTestServer();
    const handler = createInternalApiHandler(app);
    const results: unknown[] = [];
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const ex = { req, res, path: '/api/http/routers/whoami@docker', query: 'x=1' } as unknown as HttpExchange;
      void handler(ex).then((r) => results.push(r));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/edge/api/http/routers/whoami@docker`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { name: string }).name).toBe('whoami@docker');
    expect(results).toEqual([{ status: 0, headers: {}, body: null, upgraded: true }]);
    await new Promise((r) => server.close(r));
    await app.close();
  });
});
