import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WhoamiServer } from '@wharf/whoami';
import { simpleConfig, startBackends, startTestWharf, type TestWharf } from './testing/harness.js';

interface Report { name: string; host: string; headers: Record<string, string[]> }

function getJSON(url: string, headers: Record<string, string>): Promise<Report> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve(JSON.parse(body) as Report));
    }).on('error', reject).end();
  });
}

async function names(url: string, n: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const res = await fetch(url);
    const name = res.headers.get('x-whoami-name') ?? `status-${res.status}`;
    await res.arrayBuffer();
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

describe('wharf routing over real whoami backends (integration)', () => {
  let backends: WhoamiServer[];
  let t: TestWharf;

  beforeAll(async () => {
    backends = await startBackends(3);
    t = await startTestWharf(simpleConfig(backends.map((b) => b.url)));
  });
  afterAll(async () => {
    await t.close();
    await Promise.all(backends.map((b) => b.close()));
  });

  it('balances round robin across every server', async () => {
    expect(await names(`${t.url()}/`, 30)).toEqual({ w1: 10, w2: 10, w3: 10 });
  });

  it('honours weights over a cycle and never picks weight 0', async () => {
    const [a, b, c] = backends.map((x) => x.url);
    await t.update({
      http: {
        routers: { r: { rule: 'PathPrefix(`/`)', service: 's' } },
        services: { s: { loadBalancer: { servers: [{ url: a, weight: 3 }, { url: b, weight: 1 }, { url: c, weight: 0 }] } } },
      },
    });
    expect(await names(`${t.url()}/`, 40)).toEqual({ w1: 30, w2: 10 });
  });

  it('sets forwarding headers and keeps the client Host by default', async () => {
    await t.update(simpleConfig([backends[0]!.url]));
    const report = await getJSON(`${t.url()}/api`, { 'X-Forwarded-For': '203.0.113.9', host: 'app.example' });
    const h = report.headers;
    const get = (k: string) => (h[k] ?? h[k.toLowerCase()] ?? [])[0];
    expect(report.host).toBe('app.example');
    expect(get('X-Forwarded-For')).toBe('127.0.0.1');
    expect(get('X-Forwarded-Host')).toBe('app.example');
    expect(get('X-Forwarded-Proto')).toBe('http');
    expect(get('X-Real-Ip')).toBe('127.0.0.1');
  });

  it('passHostHeader=false sends the server host', async () => {
    await t.update(simpleConfig([backends[0]!.url], { lb: { passHostHeader: false } }));
    const report = await getJSON(`${t.url()}/api`, { host: 'app.example' });
    expect(report.host).toBe(new URL(backends[0]!.url).host);
  });

  it('answers 404 when no router matches, 502 for a closed port, 503 with no server', async () => {
    await t.update({
      http: {
        routers: {
          dead: { rule: 'Path(`/dead`)', service: 'dead' },
          empty: { rule: 'Path(`/empty`)', service: 'empty' },
        },
        services: {
          dead: { loadBalancer: { servers: [{ url: 'http://127.0.0.1:1' }] } },
          empty: { loadBalancer: { servers: [] } },
        },
      },
    });
    const miss = await fetch(`${t.url()}/nothing`);
    expect(miss.status).toBe(404);
    expect(await miss.text()).toBe('404 page not found\n');
    const dead = await fetch(`${t.url()}/dead`);
    expect(dead.status).toBe(502);
    await dead.arrayBuffer();
    const empty = await fetch(`${t.url()}/empty`);
    expect(empty.status).toBe(503);
    expect(await empty.text()).toContain('no available server');
  });

  it('disables only the broken router and reports why, others keep serving', async () => {
    await t.update({
      http: {
        routers: {
          good: { rule: 'PathPrefix(`/`)', service: 's' },
          bad: { rule: 'Host(`a`) &&', service: 's' },
          orphan: { rule: 'Path(`/o`)', service: 'missing' },
        },
        services: { s: { loadBalancer: { servers: [{ url: backends[1]!.url }] } } },
      },
    });
    expect((await fetch(`${t.url()}/x`)).status).toBe(200);
    const routers = (await (await fetch(`${t.apiURL()}/api/http/routers`)).json()) as Array<{ name: string; status: string; error?: string[] }>;
    const byName = Object.fromEntries(routers.map((r) => [r.name, r]));
    expect(byName['good@file']!.status).toBe('enabled');
    expect(byName['bad@file']!.status).toBe('disabled');
    expect(byName['bad@file']!.error!.join(' ')).toMatch(/error while parsing rule/);
    expect(byName['orphan@file']!.status).toBe('disabled');
    expect(byName['orphan@file']!.error!.join(' ')).toContain('the service "missing@file" does not exist');
  });

  it('keeps the last good config when the file breaks, and says where', async () => {
    await t.update(simpleConfig([backends[2]!.url]));
    const before = t.wharf.runtime.source.view().generation;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(t.file, 'http:\n  routers:\n    r: { rule: "PathPrefix(`/`)", service: s\n');
    await new Promise((r) => setTimeout(r, 400));
    const res = await fetch(`${t.url()}/`);
    expect(res.headers.get('x-whoami-name')).toBe('w3');
    await res.arrayBuffer();
    const diags = t.wharf.runtime.source.view().diagnostics.filter((d) => d.provider === 'file');
    expect(diags.some((d) => /dynamic\.yml:\d+:\d+/.test(d.source))).toBe(true);
    expect(t.wharf.runtime.source.view().generation).toBeGreaterThanOrEqual(before);
  });

  it('keeps a keep-alive connection and an in-flight request across a swap', async () => {
    await t.update(simpleConfig([backends[0]!.url]));
    const slow = fetch(`${t.url()}/delay?ms=600`);
    await new Promise((r) => setTimeout(r, 100));
    await t.update(simpleConfig([backends[1]!.url]));
    const res = await slow;
    expect(res.status).toBe(200);
    expect(res.headers.get('x-whoami-name')).toBe('w1');
    await res.arrayBuffer();
    const next = await fetch(`${t.url()}/`);
    expect(next.headers.get('x-whoami-name')).toBe('w2');
    await next.arrayBuffer();
  });

  it('tunnels websocket upgrades', async () => {
    await t.update(simpleConfig([backends[0]!.url]));
    const ws = new WebSocket(`${t.url().replace('http', 'ws')}/ws`);
    await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); });
    const echoed = new Promise<string>((resolve) => ws.once('message', (m) => resolve(m.toString())));
    ws.send('hello through wharf');
    expect(await echoed).toBe('hello through wharf');
    ws.close();
  });

  it('streams a large upload through without buffering it', async () => {
    const size = 64 * 1024 * 1024;
    const chunk = Buffer.alloc(1024 * 1024, 7);
    const expected = createHash('sha256');
    for (let i = 0; i < size / chunk.length; i++) expected.update(chunk);
    const got = await new Promise<string>((resolve, reject) => {
      const req = request(`${t.url()}/echo`, { method: 'POST' }, (res) => {
        const hash = createHash('sha256');
        res.on('data', (d: Buffer) => hash.update(d));
        res.on('end', () => resolve(hash.digest('hex')));
        res.on('error', reject);
      });
      req.on('error', reject);
      let sent = 0;
      Readable.from((function* () { while (sent < size) { sent += chunk.length; yield chunk; } })()).pipe(req);
    });
    expect(got).toBe(expected.digest('hex'));
  });
});
