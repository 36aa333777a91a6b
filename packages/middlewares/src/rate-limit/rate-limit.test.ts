import { describe, expect, it } from 'vitest';
import { fakeContext } from '../testing/context.js';
import { burst } from '../testing/burst.js';
import { bucketParams, createRateLimit, goDuration } from './rate-limit.js';
import { createMemoryStore, takeToken } from './token-bucket.js';

describe('token bucket', () => {
  const p = { ratePerMs: 0.001, burst: 2, maxDelayMs: 500 };
  it('allows burst, refuses beyond, refills with time', () => {
    let b = takeToken(undefined, p, 0);
    expect(b.reservation).toEqual({ allowed: true, delayMs: 0 });
    b = takeToken(b.bucket, p, 0);
    expect(b.reservation.allowed).toBe(true);
    const refused = takeToken(b.bucket, p, 0);
    expect(refused.reservation).toEqual({ allowed: false, delayMs: 1000 });
    const waited = takeToken(refused.bucket, p, 600);
    expect(waited.reservation.allowed).toBe(true);
    expect(waited.reservation.delayMs).toBeCloseTo(400);
  });
  it('memory store keeps buckets per key', async () => {
    let t = 0;
    const store = createMemoryStore({ ...p, burst: 1 }, () => t);
    expect((await store.reserve('a')).allowed).toBe(true);
    expect((await store.reserve('a')).allowed).toBe(false);
    expect((await store.reserve('b')).allowed).toBe(true);
    t = 1000;
    expect((await store.reserve('a')).allowed).toBe(true);
  });
  it('derives rate and maxDelay like Traefik', () => {
    expect(bucketParams({ average: 100 })).toEqual({ ratePerMs: 0.1, burst: 1, maxDelayMs: 5 });
    expect(bucketParams({ average: 6, period: '1m', burst: 3 })).toEqual({ ratePerMs: 0.0001, burst: 3, maxDelayMs: 500 });
    expect(bucketParams({ average: 0 })).toBeUndefined();
    expect(goDuration(250)).toBe('250ms');
    expect(goDuration(1500)).toBe('1.5s');
  });
});

describe('rateLimit middleware', () => {
  it('admits the burst, answers 429 with Retry-After and X-Retry-In for the rest', async () => {
    const step = createRateLimit({ average: 1, period: '1s', burst: 3 }, fakeContext().ctx);
    const { ok, limited } = await burst(step, 10);
    expect(ok).toBeGreaterThanOrEqual(3);
    expect(ok).toBeLessThanOrEqual(4);
    expect(limited.length).toBe(10 - ok);
    expect(Number(limited[0]!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(String(limited[0]!.headers['x-retry-in'])).toMatch(/^[\d.]+m?s$/);
  });
  it('limits each source separately', async () => {
    const step = createRateLimit({ average: 1, period: '10s', burst: 2, sourceCriterion: { requestHeaderName: 'x-key' } }, fakeContext().ctx);
    expect((await burst(step, 5, { 'x-key': 'a' })).ok).toBe(2);
    expect((await burst(step, 5, { 'x-key': 'b' })).ok).toBe(2);
  });
  it('a new generation starts with fresh buckets', async () => {
    const first = fakeContext();
    const options = { average: 1, period: '10s', burst: 2 };
    expect((await burst(createRateLimit(options, first.ctx), 5)).ok).toBe(2);
    first.controller.abort();
    expect((await burst(createRateLimit(options, fakeContext().ctx), 5)).ok).toBe(2);
  });
  it('average 0 means no limit', async () => {
    expect((await burst(createRateLimit({ average: 0 }, fakeContext().ctx), 20)).ok).toBe(20);
  });
});
