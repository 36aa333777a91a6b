import { describe, expect, it } from 'vitest';
import { safeEqual } from './safe-equal.js';

describe('safeEqual', () => {
  it('compares strings by their bytes', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });

  it('is false (never throws) for same-length strings of different byte lengths', () => {
    expect(safeEqual('é', 'e')).toBe(false);
    expect(safeEqual('aé', 'ab')).toBe(false);
  });
});
