import { describe, expect, it } from 'vitest';
import { requestRecord } from '../fixtures/records.js';
import { compileLogFilters } from './log-filters.js';

describe('access log filters', () => {
  it('keeps everything without filters', () => {
    expect(compileLogFilters(undefined)).toBeUndefined();
    expect(compileLogFilters({ statusCodes: [] })).toBeUndefined();
  });

  it('matches status ranges, retries and slow requests (any filter)', () => {
    const keep = compileLogFilters({ statusCodes: ['404', '500-599', 'bogus'], retryAttempts: true, minDurationMs: 1000 })!;
    expect(keep(requestRecord({ status: 200 }))).toBe(false);
    expect(keep(requestRecord({ status: 404 }))).toBe(true);
    expect(keep(requestRecord({ status: 503 }))).toBe(true);
    expect(keep(requestRecord({ status: 600 }))).toBe(false);
    expect(keep(requestRecord({ status: 200, attempts: 1 }))).toBe(true);
    expect(keep(requestRecord({ status: 200, durationMs: 1500 }))).toBe(true);
    expect(keep(requestRecord({ status: 200, durationMs: 1000 }))).toBe(false);
  });
});
