import { isWharfError } from '@wharf/config';
import { describe, expect, it } from 'vitest';
import { parseDuration, positiveDurationOr } from './duration.js';

describe('parseDuration (Traefik durations → ms)', () => {
  it.each([
    ['10s', 10_000],
    ['100ms', 100],
    ['1m30s', 90_000],
    ['1h', 3_600_000],
    ['1.5s', 1_500],
    ['500us', 0.5],
    ['-1s', -1_000],
    ['0', 0],
    ['42', 42_000],
    [' 5s ', 5_000],
  ] as const)('%j → %d', (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it('numbers are seconds', () => {
    expect(parseDuration(3)).toBe(3000);
    expect(parseDuration(0.25)).toBe(250);
  });

  it.each(['', 's', '10x', '1m30', 'abc', '-', '1s ms'])('rejects %j', (input) => {
    let caught: unknown;
    try {
      parseDuration(input);
    } catch (err) {
      caught = err;
    }
    expect(isWharfError(caught, 'WHARF_CONFIG_BAD_DURATION')).toBe(true);
  });

  it('positiveDurationOr falls back on absent or ≤ 0 values', () => {
    expect(positiveDurationOr(undefined, 7)).toBe(7);
    expect(positiveDurationOr('0s', 7)).toBe(7);
    expect(positiveDurationOr('-3s', 7)).toBe(7);
    expect(positiveDurationOr('2s', 7)).toBe(2000);
  });
});
