import { describe, expect, it } from 'vitest';
import { LATENCY_BOUNDS_MS, LATENCY_BUCKETS, latencyBucket, latencyQuantile } from './latency-buckets.js';

function histogram(values: number[]): Uint32Array {
  const counts = new Uint32Array(LATENCY_BUCKETS);
  for (const v of values) counts[latencyBucket(v)]! += 1;
  return counts;
}

describe('latency buckets', () => {
  it('puts a value in the first bucket whose upper bound holds it', () => {
    expect(latencyBucket(0)).toBe(0);
    expect(latencyBucket(1)).toBe(0);
    expect(latencyBucket(1.01)).toBe(1);
    expect(latencyBucket(100)).toBe(LATENCY_BOUNDS_MS.indexOf(100));
    expect(latencyBucket(101)).toBe(LATENCY_BOUNDS_MS.indexOf(150));
    expect(latencyBucket(10 ** 9)).toBe(LATENCY_BUCKETS - 1);
  });

  it('interpolates quantiles inside the bucket, like histogram_quantile', () => {
    // 100 values in (50, 75]: the median sits half-way through that bucket
    const h = histogram(Array.from({ length: 100 }, () => 60));
    expect(latencyQuantile(h, 0.5)).toBeCloseTo(62.5, 6);
    expect(latencyQuantile(h, 0.99)).toBeCloseTo(50 + 25 * 0.99, 6);
  });

  it('separates a slow tail from the body', () => {
    const values = [...Array.from({ length: 90 }, () => 4), ...Array.from({ length: 10 }, () => 900)];
    const h = histogram(values);
    expect(latencyQuantile(h, 0.5)).toBeGreaterThan(3);
    expect(latencyQuantile(h, 0.5)).toBeLessThanOrEqual(5);
    expect(latencyQuantile(h, 0.95)).toBeGreaterThan(750);
    expect(latencyQuantile(h, 0.95)).toBeLessThanOrEqual(1000);
  });

  it('answers 0 when empty and the last bound for the open bucket', () => {
    expect(latencyQuantile(new Uint32Array(LATENCY_BUCKETS), 0.5)).toBe(0);
    expect(latencyQuantile(histogram([120_000]), 0.99)).toBe(60_000);
  });
});
