import { describe, expect, it } from 'vitest';
import { createAnswerCache } from './answer-cache.js';
import { resolveDelayMs } from './schedule.js';
import { initialServiceState } from './slot-table.js';

describe('answer cache (hold.valid)', () => {
  it('shares a valid answer for min(hold.valid, the requester period), never failures', async () => {
    let t = 0;
    let asked = 0;
    const cache = createAnswerCache(10_000, () => t);
    const ask = (ok: boolean) => async () => ({ ok, n: ++asked });
    expect(await cache.get('A x', 5000, ask(true))).toEqual({ ok: true, n: 1 });
    t = 4999;
    expect(await cache.get('A x', 5000, ask(true))).toEqual({ ok: true, n: 1 });
    t = 5000;
    expect(await cache.get('A x', 5000, ask(true))).toEqual({ ok: true, n: 2 });
    t = 6000;
    expect(await cache.get('A x', 60_000, ask(true))).toEqual({ ok: true, n: 2 });
    t = 15_000;
    expect(await cache.get('A x', 60_000, ask(true))).toEqual({ ok: true, n: 3 });
    expect(await cache.get('A y', 60_000, ask(false))).toEqual({ ok: false, n: 4 });
    expect(await cache.get('A y', 60_000, ask(false))).toEqual({ ok: false, n: 5 });
  });

  it('asks once for concurrent requesters and stays bounded', async () => {
    let asked = 0;
    const cache = createAnswerCache(0, () => 0, 100);
    const ask = async () => ({ ok: true, n: ++asked });
    const both = await Promise.all([cache.get('k', 1000, ask), cache.get('k', 1000, ask)]);
    expect(both).toEqual([{ ok: true, n: 1 }, { ok: true, n: 1 }]);
    for (let i = 0; i < 500; i++) await cache.get(`k${i}`, 1000, ask);
    expect(cache.size).toBeLessThanOrEqual(101);
  });
});

describe('re-resolve period', () => {
  it('follows the TTL when shorter than the interval, with a 1s floor; a failure keeps the interval', () => {
    const s = (ttlSeconds: number | undefined) => ({ ...initialServiceState, ttlSeconds });
    expect(resolveDelayMs(s(undefined), 5000)).toBe(5000);
    expect(resolveDelayMs(s(600), 5000)).toBe(5000);
    expect(resolveDelayMs(s(2), 5000)).toBe(2000);
    expect(resolveDelayMs(s(0), 5000)).toBe(1000);
    expect(resolveDelayMs(s(0), 200)).toBe(200);
    expect(resolveDelayMs({ ...s(2), failure: { status: 'nx', code: 'ENOTFOUND', message: '', since: 0 } }, 5000)).toBe(5000);
  });
});
