import { describe, expect, it } from 'vitest';
import { resolveActiveHealth, resolvePassiveHealth } from './health-options.js';

describe('resolveActiveHealth', () => {
  it('reads Traefik durations and falls back on absent or ≤ 0 values', () => {
    expect(resolveActiveHealth({ interval: '2s', timeout: '0s' })).toMatchObject({
      intervalMs: 2000,
      unhealthyIntervalMs: 2000,
      timeoutMs: 5000,
    });
    expect(resolveActiveHealth({ interval: '-3s', unhealthyInterval: '500ms', timeout: 1 })).toMatchObject({
      intervalMs: 30_000,
      unhealthyIntervalMs: 500,
      timeoutMs: 1000,
    });
    expect(resolveActiveHealth({ interval: '' })).toMatchObject({ intervalMs: 30_000, method: 'GET', followRedirects: true });
  });
});

describe('resolvePassiveHealth', () => {
  it('defaults the failure window to 10s and clamps the ejection cap', () => {
    expect(resolvePassiveHealth({})).toEqual({ failureWindowMs: 10_000, maxFailedAttempts: 1, maxEjectionPercent: 50 });
    expect(resolvePassiveHealth({ failureWindow: '1m', maxFailedAttempts: 3, maxEjectionPercent: 150 })).toEqual({
      failureWindowMs: 60_000,
      maxFailedAttempts: 3,
      maxEjectionPercent: 100,
    });
  });
});
