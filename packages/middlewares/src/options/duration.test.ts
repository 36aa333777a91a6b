import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { DurationSchema, durationMs } from './duration.js';
import { StatusRangesSchema } from './status-ranges.js';

describe('durationMs', () => {
  it.each([
    ['10s', 10_000], ['100ms', 100], ['1m30s', 90_000], ['1.5s', 1500], [2, 2000], ['3', 3000], ['1h', 3_600_000],
  ] as const)('%s → %d ms', (input, ms) => {
    expect(Value.Check(DurationSchema, input)).toBe(true);
    expect(durationMs(input, 0)).toBe(ms);
  });
  it('falls back when undefined and rejects garbage', () => {
    expect(durationMs(undefined, 42)).toBe(42);
    expect(Value.Check(DurationSchema, 'ten seconds')).toBe(false);
    expect(Value.Check(DurationSchema, '1.2.3s')).toBe(false);
  });
  it('rejects negative durations', () => {
    expect(Value.Check(DurationSchema, '-1s')).toBe(false);
    expect(Value.Check(DurationSchema, ' -5')).toBe(false);
    expect(Value.Check(DurationSchema, -1)).toBe(false);
    expect(Value.Check(DurationSchema, '+2s')).toBe(true);
  });
});

describe('StatusRangesSchema', () => {
  it('accepts a list or a label string of ranges, rejects other spellings', () => {
    expect(Value.Check(StatusRangesSchema, '500-599,429')).toBe(true);
    expect(Value.Check(StatusRangesSchema, ['404', '500-502'])).toBe(true);
    expect(Value.Check(StatusRangesSchema, ['5xx'])).toBe(false);
  });
});
