import { createHash } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import { freePort } from '@wharf/test-daemons';
import { startWhoami, type WhoamiServer } from '@wharf/whoami';
import type { RequestRecord } from '@wharf/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { send, startStack, type Stack } from './fixtures/harness.js';

let w: WhoamiServer;
let stack: Stack;
let closedPort: number;
let probe: Server;
let probeClosedEarly = 0;
const records: RequestRecord[] = [];


beforeAll(async () => {
  w = await startWhoami({ name: 'w1' });
  closedPort = await freePort();
  probe = createServer((req, res) => {
    res.on('close', () => {
      if (!res.writableFinished) probeClosedEarly += 1;
    });
    setTimeout(() => res.end('late'), 10_000).unref();
  });
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const probeURL = `http://127.0.0.1:${(probe.address() as { port: number }).port}`;
  stack = await startStack({
    transport: { responseHeaderTimeoutMs: 300 },
    observers: [{ onRequestEnd: (r) => records.push(r) }],
    forwardedHeaders: { trustedIPs: ['10.0.0.0/8'] },
    routes: ({ forwardTo }) => ({
      'app.test': forwardTo(w.url),
      'nohost.test': forwardTo(w.url, false),
      'base.test': forwardTo(`${w.url}/base`, true, true),
      'down.test': forwardTo(`http://127.0.0.1:${closedPort}`),
      'probe.test': forwardTo(probeURL),
    }),
  });
});
afterAll(async () => {
  await stack.close();
  await w.close();
  probe.closeAllConnections();
  probe.close();
});

async function api(host: string, path = '/api', headers: Record<string, string> = {}) {
  const r = await send(stack.port, path, { headers: { host, ...headers } });
  return { status: r.status, res: r, body: JSON.parse(r.body) as { url: string; host: string; headers: Record<string, string[]> } };
}

describe('transport', () => {
  it('sets X-Forwarded-* and X-Real-Ip, overwriting untrusted incoming values', async () => {
    const { body } = await api('app.test:8080', '/api', { 'x-forwarded-for': '6.6.6.6', 'x-real-ip': '6.6.6.6', 'x-forwarded-proto': 'https' });
    const h = body.headers;
    expect(h['x-forwarded-for']).toEqual(['127.0.0.1']);
    expect(h['x-real-ip']).toEqual(['127.0.0.1']);
    expect(h['x-forwarded-proto']).toEqual(['http']);
    expect(h['x-forwarded-host']).toEqual(['app.test:8080']);
    expect(h['x-forwarded-port']).toEqual(['8080']);
    expect(h['x-forwarded-server']?.[0]).toBeTruthy();
  });

  it('drops hop-by-hop request and response headers', async () => {
    const { body } = await api('app.test', '/api', { connection: 'keep-alive, x-secret', 'x-secret': '1', 'proxy-authorization': 'x', te: 'deflate', 'x-kept': 'yes' });
    const names = Object.keys(body.headers).map((k) => k.toLowerCase());
    expect(names).toContain('x-kept');
    for (const n of ['x-secret', 'proxy-authorization', 'te']) expect(names).not.toContain(n);
    expect(JSON.stringify(body.headers).toLowerCase()).not.toContain('x-secret');
    const r = await send(stack.port, '/', { headers: { host: 'app.test' } });
    expect(r.headers['keep-alive']).toBeUndefined();
  });

  it('keeps the client Host with passHostHeader, uses the server host:port without', async () => {
    expect((await api('app.test')).body.host).toBe('app.test');
    expect((await api('nohost.test')).body.host).toBe(new URL(w.url).host);
  });

  it('prepends the server URL path with preservePath', async () => {
    const r = await send(stack.port, '/x?y=1', { headers: { host: 'base.test' } });
    expect(r.body).toContain('GET /base/x?y=1 HTTP/1.1');
  });

  it('answers 502 Bad Gateway when the server refuses the connection', async () => {
    const r = await send(stack.port, '/', { headers: { host: 'down.test' } });
    expect(r.status).toBe(502);
    expect(r.body).toBe('Bad Gateway');
    await expect.poll(() => records.find((x) => x.host === 'down.test')?.errorCode, { timeout: 5000 }).toBe('WHARF_UPSTREAM_CONNECT');
  });

  it('answers 504 Gateway Timeout when response headers are late', async () => {
    const r = await send(stack.port, '/delay?ms=2000', { headers: { host: 'app.test' } });
    expect(r.status).toBe(504);
    expect(r.body).toBe('Gateway Timeout');
  });

  it('streams a 100 MB download and upload intact', async () => {
    const size = 100 * 1024 * 1024;
    const down = await new Promise<number>((resolve, reject) => {
      request({ port: stack.port, host: '127.0.0.1', path: `/data?size=${size}`, headers: { host: 'app.test' } }, (res) => {
        let n = 0;
        res.on('data', (c: Buffer) => (n += c.length));
        res.on('end', () => resolve(n));
      }).on('error', reject).end();
    });
    expect(down).toBe(size);
    const chunk = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31) & 0xff;
    const sent = createHash('sha256');
    const got = await new Promise<string>((resolve, reject) => {
      const req = request({ port: stack.port, host: '127.0.0.1', path: '/echo', method: 'POST', headers: { host: 'app.test', 'content-length': size } }, (res) => {
        const h = createHash('sha256');
        res.on('data', (c: Buffer) => h.update(c));
        res.on('end', () => resolve(h.digest('hex')));
      });
      req.on('error', reject);
      let i = 0;
      const pump = (): void => {
        while (i < 100) {
          i += 1;
          sent.update(chunk);
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(got).toBe(sent.digest('hex'));
  });

  it('tunnels a websocket through the proxy', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${stack.port}/ws`, { headers: { host: 'app.test' } });
    const echoed = await new Promise<string>((resolve, reject) => {
      ws.on('open', () => ws.send('ping through wharf'));
      ws.on('message', (d) => resolve(String(d)));
      ws.on('error', reject);
    });
    ws.close();
    expect(echoed).toBe('ping through wharf');
    await expect.poll(() => records.find((x) => x.path === '/ws' && x.host === 'app.test')?.status, { timeout: 5000 }).toBe(101);
  });

  it('refuses an upgrade with no router as plain HTTP 404', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${stack.port}/ws`, { headers: { host: 'nobody.test' } });
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => resolve(-1));
    });
    expect(status).toBe(404);
  });

  it('aborts the upstream request when the client goes away', async () => {
    const before = probeClosedEarly;
    await new Promise<void>((resolve) => {
      const req = request({ port: stack.port, host: '127.0.0.1', path: '/', headers: { host: 'probe.test' } });
      req.on('error', () => resolve());
      req.end();
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 150);
    });
    await expect.poll(() => probeClosedEarly, { timeout: 5000 }).toBeGreaterThan(before);
  });
});
