import type { ServiceConfig } from '@wharf/config';
import { describe, expect, it } from 'vitest';
import { builtinServiceKinds, serviceKindsOf } from './registry.js';

const membersOf = (config: ServiceConfig): string[] => {
  const kind = serviceKindsOf(config)[0]!;
  return kind.members?.(config[kind.key]!) ?? [];
};

describe('service kinds table', () => {
  it('holds one definition per kind, in Traefik order, with the view type and required fields', () => {
    expect(builtinServiceKinds.map((k) => [k.key, k.type, k.required ?? []])).toEqual([
      ['loadBalancer', 'loadbalancer', []],
      ['weighted', 'weighted', []],
      ['mirroring', 'mirroring', ['service']],
      ['failover', 'failover', ['service', 'fallback']],
    ]);
  });

  it('finds the kinds a config sets and their members (main first)', () => {
    expect(serviceKindsOf({ middlewares: [] })).toEqual([]);
    expect(serviceKindsOf({ loadBalancer: {}, failover: {} }).map((k) => k.key)).toEqual(['loadBalancer', 'failover']);
    expect(membersOf({ weighted: { services: [{ name: 'a' }, { name: 'b' }] } })).toEqual(['a', 'b']);
    expect(membersOf({ mirroring: { service: 'main', mirrors: [{ name: 'm' }] } })).toEqual(['main', 'm']);
    expect(membersOf({ failover: { service: 'main', fallback: 'spare' } })).toEqual(['main', 'spare']);
    expect(membersOf({ failover: { fallback: 'spare' } })).toEqual(['spare']);
    expect(membersOf({ loadBalancer: {} })).toEqual([]);
  });
});
