import { describe, expect, it } from 'vitest';
import { defineError, isWharfError } from './errors.js';

const Broken = defineError('WHARF_TEST_BROKEN', 502, (what: string, n: number) => `${what} broke ${n} times`);

describe('defineError', () => {
  it('makes coded errors with the template message', () => {
    const err = Broken('pipe', 2);
    expect(isWharfError(err, 'WHARF_TEST_BROKEN')).toBe(true);
    expect([err.code, err.statusCode, err.message]).toEqual(['WHARF_TEST_BROKEN', 502, 'pipe broke 2 times']);
    expect(err.cause).toBeUndefined();
    expect([Broken.code, Broken.statusCode]).toEqual(['WHARF_TEST_BROKEN', 502]);
  });

  it('wraps a lower-level error as the standard cause', () => {
    const low = new Error('ECONNRESET');
    const err = Broken.withCause(low, 'socket', 1);
    expect(isWharfError(err, 'WHARF_TEST_BROKEN')).toBe(true);
    expect(err.message).toBe('socket broke 1 times');
    expect(err.cause).toBe(low);
    expect(Object.keys(err)).not.toContain('cause');
  });
});
