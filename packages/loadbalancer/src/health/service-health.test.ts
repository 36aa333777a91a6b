import { describe, expect, it } from 'vitest';
import { summarizeServiceHealth } from './service-health.js';

describe('summarizeServiceHealth', () => {
  it('classifies healthy, degraded, down and unknown', () => {
    const up = { url: 'http://a', state: 'UP' as const };
    const down = { url: 'http://b', state: 'DOWN' as const, reason: 'active-check' as const };
    const initial = { url: 'http://c', state: 'DOWN' as const, reason: 'initial' as const };
    expect(summarizeServiceHealth([up, up])).toMatchObject({ state: 'healthy', serversUp: 2, serversTotal: 2 });
    expect(summarizeServiceHealth([up, down])).toMatchObject({ state: 'degraded', serversUp: 1, serversTotal: 2 });
    expect(summarizeServiceHealth([down, initial]).state).toBe('down');
    expect(summarizeServiceHealth([initial, initial]).state).toBe('unknown');
    expect(summarizeServiceHealth([]).state).toBe('unknown');
    expect(summarizeServiceHealth([down]).servers).toEqual([down]);
  });
});
