import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseDurationMs } from './duration.js';
import { startWhoami, type WhoamiServer } from './whoami-server.js';

let w: WhoamiServer;
beforeAll(async () => {
  w = await startWhoami({ name: 'w1' });
});
afterAll(() => w.close());

describe('whoami', () => {
  it('reports name, remote address, request line and headers as text', async () => {
    const res = await fetch(`${w.url}/foo?x=1`, { headers: { 'X-Test': 'abc' } });
    expect(res.headers.get('x-whoami-name')).toBe('w1');
    const text = await res.text();
    expect(text).toMatch(/^Name: w1\nHostname: /);
    expect(text).toMatch(/\nIP: 127\.0\.0\.1\n/);
    expect(text).toMatch(/\nRemoteAddr: 127\.0\.0\.1:\d+\n/);
    expect(text).toContain('GET /foo?x=1 HTTP/1.1\n');
    expect(text.toLowerCase()).toContain('x-test: abc\n');
  });

  it('answers /api as JSON', async () => {
    const body = (await (await fetch(`${w.url}/api`, { headers: { 'x-a': '1' } })).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ name: 'w1', method: 'GET', url: '/api' });
    expect((body.headers as Record<string, string[]>)['x-a']).toEqual(['1']);
  });

  it('flips /health with POST and setHealthy', async () => {
    expect((await fetch(`${w.url}/health`)).status).toBe(200);
    expect((await fetch(`${w.url}/health`, { method: 'POST', body: '500' })).status).toBe(500);
    expect((await fetch(`${w.url}/health`)).status).toBe(500);
    w.setHealthy(true);
    expect((await fetch(`${w.url}/health`)).status).toBe(200);
  });

  it('streams /data of the requested size and answers /status/N and /bench', async () => {
    const res = await fetch(`${w.url}/data?size=200000&attachment=true`);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    expect((await res.arrayBuffer()).byteLength).toBe(200_000);
    expect((await fetch(`${w.url}/status/418`)).status).toBe(418);
    expect(await (await fetch(`${w.url}/bench`)).text()).toBe('1');
  });

  it('waits with ?wait= and /delay', async () => {
    const t0 = performance.now();
    await (await fetch(`${w.url}/delay?ms=120`)).text();
    await (await fetch(`${w.url}/?wait=100ms`)).text();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(200);
  });

  it('echoes a streamed body', async () => {
    const payload = Buffer.alloc(3 * 1024 * 1024, 7);
    const digest = await new Promise<string>((resolve, reject) => {
      const req = request(`${w.url}/echo`, { method: 'POST' }, (res) => {
        const h = createHash('sha256');
        res.on('data', (c: Buffer) => h.update(c));
        res.on('end', () => resolve(h.digest('hex')));
      });
      req.on('error', reject);
      req.end(payload);
    });
    expect(digest).toBe(createHash('sha256').update(payload).digest('hex'));
  });

  it('echoes websocket messages on /ws', async () => {
    const ws = new WebSocket(`${w.url.replace('http', 'ws')}/ws`);
    const reply = await new Promise<string>((resolve, reject) => {
      ws.on('open', () => ws.send('hello'));
      ws.on('message', (d) => resolve(String(d)));
      ws.on('error', reject);
    });
    ws.close();
    expect(reply).toBe('hello');
  });

  it('parses Go durations', () => {
    expect(parseDurationMs('100ms')).toBe(100);
    expect(parseDurationMs('1m30s')).toBe(90_000);
    expect(parseDurationMs('250')).toBe(250);
    expect(parseDurationMs('abc')).toBeUndefined();
  });
});
