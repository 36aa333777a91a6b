import { describe, expect, it } from 'vitest';
import { createRandom } from './random.js';
import { createWeightedRoundRobin, type WeightedRoundRobinOptions } from './weighted-round-robin.js';

const take = <T>(n: number, next: () => T | undefined) => Array.from({ length: n }, next);
/** `{ a: 3, b: 1 }` → a balancer over items 'a' (weight 3) and 'b' (weight 1). */
const wrrOf = (weights: Record<string, number>, options: WeightedRoundRobinOptions) =>
  createWeightedRoundRobin(Object.entries(weights).map(([value, weight]) => ({ value, weight })), options);

describe('createWeightedRoundRobin', () => {
  it('honours weights exactly over every full cycle', () => {
    const wrr = wrrOf({ a: 3, b: 1, c: 2 }, { random: createRandom(1) });
    for (let cycle = 0; cycle < 20; cycle++) {
      const picks = take(6, () => wrr.next());
      expect(picks.filter((p) => p === 'a')).toHaveLength(3);
      expect(picks.filter((p) => p === 'b')).toHaveLength(1);
      expect(picks.filter((p) => p === 'c')).toHaveLength(2);
    }
  });

  it('interleaves instead of sending bursts (EDF)', () => {
    const wrr = wrrOf({ a: 1, b: 1, c: 1 }, { shuffle: false });
    expect(take(6, () => wrr.next())).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('supports float weights', () => {
    const wrr = wrrOf({ a: 0.5, b: 1.5 }, { random: createRandom(3) });
    const picks = take(400, () => wrr.next());
    expect(picks.filter((p) => p === 'b')).toHaveLength(300);
  });

  it('never returns items with weight ≤ 0 or NaN and reports its size', () => {
    const wrr = createWeightedRoundRobin([
      { value: 'zero', weight: 0 },
      { value: 'neg', weight: -1 },
      { value: 'nan', weight: Number.NaN },
      { value: 'ok', weight: 1 },
    ]);
    expect(wrr.size).toBe(1);
    expect(new Set(take(10, () => wrr.next()))).toEqual(new Set(['ok']));
    expect(createWeightedRoundRobin([]).next()).toBeUndefined();
  });

  it('the shuffle is seedable: same seed, same order; seeds differ somewhere', () => {
    const items = Array.from({ length: 8 }, (_, i) => ({ value: i, weight: 1 }));
    const order = (seed: number) => {
      const wrr = createWeightedRoundRobin(items, { random: createRandom(seed) });
      return take(8, () => wrr.next()).join(',');
    };
    expect(order(7)).toBe(order(7));
    const orders = new Set([1, 2, 3, 4, 5].map(order));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('skips rejected items and returns undefined when none is accepted', () => {
    const wrr = wrrOf({ a: 5, b: 1 }, { shuffle: false });
    expect(new Set(take(20, () => wrr.next((v) => v !== 'a')))).toEqual(new Set(['b']));
    expect(wrr.next(() => false)).toBeUndefined();
  });

  it('keeps every item when `accept` throws', () => {
    const wrr = wrrOf({ a: 1, b: 1 }, { shuffle: false });
    expect(() =>
      wrr.next((v) => {
        if (v === 'b') throw new Error('boom');
        return false;
      }),
    ).toThrow('boom');
    expect(new Set([wrr.next(), wrr.next()])).toEqual(new Set(['a', 'b']));
  });

  it('a recovering item does not get a burst of picks', () => {
    const wrr = wrrOf({ a: 1, b: 1 }, { shuffle: false });
    take(100, () => wrr.next((v) => v !== 'a'));
    const after = take(10, () => wrr.next());
    expect(after.filter((p) => p === 'a').length).toBeLessThanOrEqual(6);
  });

  it('peek returns what next returns, without consuming it', () => {
    const wrr = wrrOf({ a: 2, b: 1 }, { random: createRandom(9) });
    for (let i = 0; i < 12; i++) {
      const peeked = wrr.peek();
      expect(wrr.peek()).toBe(peeked);
      expect(wrr.next()).toBe(peeked);
    }
    expect(wrr.peek((v) => v === 'b')).toBe('b');
  });
});
