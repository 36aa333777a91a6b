import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeContext } from '../testing/context.js';
import { createRateLimit } from './rate-limit.js';
import { burst } from '../testing/burst.js';

const BINARY = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));
if (!BINARY) {
  if (process.env.CI) throw new Error('redis-server is required in CI for the rateLimit redis tests');
  console.warn('[wharf] SKIPPING rateLimit redis tests: redis-server binary not found (install Debian package redis-server)');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

describe.skipIf(!BINARY)('rateLimit with a real redis', () => {
  let server: ChildProcess | undefined;
  let port = 0;
  beforeAll(async () => {
    port = await freePort();
    server = spawn(BINARY!, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    for (let i = 0; i < 50; i++) {
      try {
        await probe.connect();
        await probe.ping();
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    probe.disconnect();
  });
  afterAll(() => {
    server?.kill('SIGTERM');
  });

  it('two instances share one limit', async () => {
    const redis = { endpoints: [`127.0.0.1:${port}`] };
    const a = fakeContext();
    const b = fakeContext();
    a.ctx.name = b.ctx.name = `shared-${Date.now()}@file`;
    const stepA = createRateLimit({ average: 1, period: '10s', burst: 4, redis }, a.ctx);
    const stepB = createRateLimit({ average: 1, period: '10s', burst: 4, redis }, b.ctx);
    const [ra, rb] = await Promise.all([burst(stepA, 6), burst(stepB, 6)]);
    expect(ra.ok + rb.ok).toBe(4);
    expect(ra.limited.length + rb.limited.length).toBe(8);
    expect(Number(ra.limited[0]?.headers['retry-after'] ?? rb.limited[0]!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    a.controller.abort();
    b.controller.abort();
  });

  it('fails open, without queueing, when redis goes away (runs last: stops the server)', async () => {
    const { ctx, controller } = fakeContext();
    ctx.name = `outage-${Date.now()}@file`;
    const step = createRateLimit({ average: 1, period: '10s', burst: 1, redis: { endpoints: [`127.0.0.1:${port}`] } }, ctx);
    expect((await burst(step, 3)).ok).toBe(1);
    const exited = new Promise((r) => server!.once('exit', r));
    server!.kill('SIGTERM');
    await exited;
    expect((await burst(step, 3)).ok).toBe(3);
    controller.abort();
  });

  it('fails open when redis is unreachable', async () => {
    const { ctx, controller } = fakeContext();
    const dead = await freePort();
    const step = createRateLimit({ average: 1, burst: 1, redis: { endpoints: [`127.0.0.1:${dead}`], dialTimeout: '200ms' } }, ctx);
    controller.signal.addEventListener('abort', () => undefined);
    const { ok } = await burst(step, 3);
    expect(ok).toBe(3);
    controller.abort();
  });
});
