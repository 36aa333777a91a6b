import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecordingBackend, type RecordingBackend } from './backends.js';
import { freePort, spawnWharf, staleBuild, type WharfProcess } from './wharf-process.js';

// SIGTERM on the real binary (bin/wharf.mjs → dist/main.js): it needs `pnpm -s build` first.
const stale = staleBuild();
if (stale !== undefined && process.env.CI === 'true') throw new Error(`graceful-stop suite: ${stale}`);
if (stale !== undefined) console.warn(`SKIPPED graceful-stop suite: ${stale}`);

const SLOW_MS = 800;
let dir: string;
let slow: RecordingBackend;
let fast: RecordingBackend;
let ws: RecordingBackend;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wharf-stop-'));
  [slow, fast, ws] = [await startRecordingBackend('slow', 'slow', SLOW_MS), await startRecordingBackend('fast'), await startRecordingBackend('ws', 'websocket')];
  const lb = (b: RecordingBackend) => ({ loadBalancer: { servers: [{ url: b.url }] } });
  const dynamic = {
    http: {
      routers: { slow: { rule: 'PathPrefix(`/slow`)', service: 'slow' }, fast: { rule: 'PathPrefix(`/fast`)', service: 'fast' }, ws: { rule: 'Host(`ws.example`)', service: 'ws' } },
      services: { slow: lb(slow), fast: lb(fast), ws: lb(ws) },
    },
  };
  writeFileSync(join(dir, 'dynamic.yml'), stringify(dynamic));
});
afterAll(async () => {
  await Promise.all([slow, fast, ws].filter(Boolean).map((b) => b.kill()));
  rmSync(dir, { recursive: true, force: true });
});

function get(port: number, path: string, agent: Agent | false = false): Promise<number> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject).end();
  });
}

async function start(lifeCycle: string[]): Promise<{ wharf: WharfProcess; web: number; api: number }> {
  const [web, api] = [await freePort(), await freePort()];
  const args = [
    `--entrypoints.web.address=127.0.0.1:${web}`,
    `--entrypoints.traefik.address=127.0.0.1:${api}`,
    '--ping',
    `--providers.file.filename=${join(dir, 'dynamic.yml')}`,
    '--providers.providersThrottleDuration=20ms',
    ...lifeCycle,
  ];
  const wharf = await spawnWharf(args, async () => (await get(api, '/ping')) === 200 && (await get(web, '/fast')) === 200);
  return { wharf, web, api };
}

describe.skipIf(stale !== undefined)('graceful stop of the real process', () => {
  it('SIGTERM under load: /ping 503 and new requests accepted during requestAcceptGraceTimeout, every in-flight request completes, exit 0', async () => {
    const { wharf, web, api } = await start([
      '--entrypoints.web.transport.lifecycle.requestacceptgracetimeout=600ms',
      '--entrypoints.traefik.transport.lifecycle.requestacceptgracetimeout=600ms',
    ]);
    const agent = new Agent({ keepAlive: true, maxSockets: 20 });
    const before = slow.seen.length;
    const inFlight = Array.from({ length: 20 }, (_, i) => get(web, `/slow/${i}`, agent));
    for (let i = 0; i < 200 && slow.seen.length - before < 20; i++) await new Promise((r) => setTimeout(r, 10));
    expect(slow.seen.length - before).toBe(20);
    const stopAt = performance.now();
    wharf.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    expect(await get(api, '/ping')).toBe(503);
    const late = get(web, '/slow/late'); // a new connection during the grace
    await new Promise((r) => setTimeout(r, 800));
    const refused = await get(web, '/fast').then(() => false, () => true);
    const statuses = await Promise.all([...inFlight, late]);
    const code = await wharf.exited;
    const exitAfter = performance.now() - stopAt;
    agent.destroy();
    expect(refused, 'listener closed after requestAcceptGraceTimeout').toBe(true);
    expect(statuses).toEqual(Array(21).fill(200));
    expect(code, wharf.logs()).toBe(0);
    // idle keep-alive sockets closed once answered: the exit does not wait for graceTimeOut (10 s)
    expect(exitAfter).toBeLessThan(6000);
  }, 30_000);

  it('a WebSocket tunnel is cut at graceTimeOut and the process still exits 0', async () => {
    const { wharf, web } = await start(['--entrypoints.web.transport.lifecycle.gracetimeout=1s']);
    const tunnel: Socket = connect(web, '127.0.0.1');
    await new Promise((r) => tunnel.once('connect', r));
    tunnel.write('GET /chat HTTP/1.1\r\nHost: ws.example\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
    const head = await new Promise<string>((r) => tunnel.once('data', (d: Buffer) => r(d.toString('latin1'))));
    expect(head).toMatch(/^HTTP\/1\.1 101 /);
    tunnel.on('error', () => {});
    const closed = new Promise<number>((r) => tunnel.once('close', () => r(performance.now())));
    const stopAt = performance.now();
    wharf.child.kill('SIGTERM');
    tunnel.write('still open'); // the tunnel keeps working until the deadline
    const echoed = await new Promise<string>((r) => tunnel.once('data', (d: Buffer) => r(d.toString())));
    expect(echoed).toBe('still open');
    const cutAfter = (await closed) - stopAt;
    expect(await wharf.exited, wharf.logs()).toBe(0);
    expect(cutAfter).toBeGreaterThanOrEqual(900);
    expect(cutAfter).toBeLessThan(5000);
  }, 30_000);
});
