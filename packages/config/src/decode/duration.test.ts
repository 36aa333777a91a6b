import { describe, expect, it } from 'vitest';
import { isWharfError } from '../errors.js';
import { parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['10s', 10_000],
    ['100ms', 100],
    ['1m30s', 90_000],
    ['1h', 3_600_000],
    ['1.5s', 1500],
    ['-1s', -1000],
    ['250us', 0.25],
    ['30', 30_000],
    [' 2s ', 2000],
    [5, 5000],
    [0.5, 500],
  ] as const)('%s → %d ms', (input, ms) => {
    expect(parseDuration(input)).toBeCloseTo(ms);
  });

  it.each(['', 'abc', '10 seconds', '1x', 's', '10s5', '1m 30s'])('rejects %j with a coded error', (input) => {
    let caught: unknown;
    try {
      parseDuration(input);
    } catch (err) {
      caught = err;
    }
    expect(isWharfError(caught, 'WHARF_CONFIG_BAD_DURATION')).toBe(true);
  });
});
