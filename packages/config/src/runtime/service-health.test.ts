import { describe, expect, it } from 'vitest';
import type { ServiceInfo } from '../model/runtime-view.js';
import { healthFromCounts, serverState, serviceHealthState, serversUpLabel } from './service-health.js';

const base: ServiceInfo = {
  name: 'web@docker',
  provider: 'docker',
  status: 'enabled',
  usedBy: [],
  type: 'loadbalancer',
};

describe('healthFromCounts', () => {
  it('maps servers up over total to a health state', () => {
    expect([healthFromCounts(0, 0), healthFromCounts(3, 3), healthFromCounts(1, 3), healthFromCounts(0, 3)]).toEqual([
      'unknown',
      'healthy',
      'degraded',
      'down',
    ]);
  });
});

describe('serviceHealthState', () => {
  it('derives healthy / degraded / down from serverStatus', () => {
    expect(serviceHealthState({ ...base, serverStatus: { a: 'UP', b: 'UP' } })).toBe('healthy');
    expect(serviceHealthState({ ...base, serverStatus: { a: 'UP', b: 'DOWN' } })).toBe('degraded');
    expect(serviceHealthState({ ...base, serverStatus: { a: 'DOWN' } })).toBe('down');
  });

  it('is unknown without servers and prefers the live health summary', () => {
    expect(serviceHealthState(base)).toBe('unknown');
    const health = { state: 'degraded' as const, serversUp: 1, serversTotal: 2, servers: [] };
    expect(serviceHealthState({ ...base, serverStatus: { a: 'UP' }, health })).toBe('degraded');
  });
});

describe('serversUpLabel', () => {
  it('counts UP servers, or is undefined without servers', () => {
    expect(serversUpLabel({ ...base, serverStatus: { a: 'UP', b: 'DOWN', c: 'UP' } })).toBe('2/3 UP');
    expect(serversUpLabel(base)).toBeUndefined();
    const health = { state: 'down' as const, serversUp: 0, serversTotal: 4, servers: [] };
    expect(serversUpLabel({ ...base, health })).toBe('0/4 UP');
  });
});

describe('serverState', () => {
  it('reads live health first, then serverStatus, and treats unknown servers as DOWN', () => {
    const health = {
      state: 'degraded' as const,
      serversUp: 1,
      serversTotal: 2,
      servers: [{ url: 'http://a', state: 'DOWN' as const }],
    };
    const service = { ...base, serverStatus: { 'http://a': 'UP' as const, 'http://b': 'UP' as const }, health };
    expect(serverState(service, 'http://a')).toBe('DOWN');
    expect(serverState(service, 'http://b')).toBe('UP');
    expect(serverState(service, 'http://c')).toBe('DOWN');
  });
});
