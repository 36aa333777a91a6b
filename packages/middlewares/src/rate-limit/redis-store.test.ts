import { findBinary, freePort, startRedis, type KvDaemon } from '@wharf/test-daemons';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeContext } from '../testing/context.js';
import { createRateLimit } from './rate-limit.js';
import { burst } from '../testing/burst.js';

const REDIS = findBinary('redis-server', 'rateLimit redis');

describe.skipIf(!REDIS)('rateLimit with a real redis', () => {
  let redis: KvDaemon;
  let port = 0;
  beforeAll(async () => {
    redis = await startRedis();
    port = redis.port;
  });
  afterAll(() => redis.cleanup());

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
    await redis.stop();
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
