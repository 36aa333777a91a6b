import type { TcpHealthCheck } from '@wharf/config';
import { createTcpServerHealth, type HealthRegistry, type TcpServerHealth } from '@wharf/loadbalancer';
import type { TcpUpstream } from '../types.js';

/**
 * TCP health state kept across generations: the verdicts live in the shared health registry
 * (service + address, like HTTP servers); this store remembers each service's check so that a
 * changed check (other port, payload, intervals) starts from scratch instead of inheriting
 * verdicts a different probe produced.
 */
export class TcpHealthStore {
  private checks = new Map<string, string>();

  /** the registry a service's health builds on: the shared one, or one that forgets the past */
  registryFor(service: string, check: TcpHealthCheck, shared: HealthRegistry): HealthRegistry {
    const key = JSON.stringify(check);
    const previous = this.checks.get(service);
    this.checks.set(service, key);
    if (previous === undefined || previous === key) return shared;
    return { get: () => undefined, set: (s, info) => shared.set(s, info), subscribe: (l) => shared.subscribe(l) };
  }

  /** forgets services that no longer have a check */
  sweep(keep: ReadonlySet<string>): void {
    for (const service of this.checks.keys()) if (!keep.has(service)) this.checks.delete(service);
  }
}

/** What one generation's TCP health checks need; `built` collects the health of each service. */
export interface TcpHealthScope {
  registry: HealthRegistry;
  signal: AbortSignal;
  store: TcpHealthStore;
  built: Map<string, TcpServerHealth>;
}

/** Starts the service's checks for this generation (bound to its signal). */
export function startTcpHealth(scope: TcpHealthScope, service: string, check: TcpHealthCheck, servers: readonly TcpUpstream[]): TcpServerHealth {
  const health = createTcpServerHealth(check, servers, {
    serviceName: service,
    health: scope.store.registryFor(service, check, scope.registry),
    signal: scope.signal,
  });
  scope.built.set(service, health);
  return health;
}
