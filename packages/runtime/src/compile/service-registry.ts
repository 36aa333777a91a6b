import type { HttpHandler, HttpStep, Transport } from '@wharf/config';
import type { HealthRegistry } from '@wharf/loadbalancer';
import { composeSteps } from '@wharf/middlewares';
import type { RuntimeDeps } from '../deps.js';
import type { RuntimeLogger } from '../logger.js';
import { createFailoverService } from '../services/failover/failover-service.js';
import { createInternalService } from '../services/internal-service.js';
import { createLoadBalancerService } from '../services/load-balancer/load-balancer-service.js';
import { createMirroringService } from '../services/mirroring/mirroring-service.js';
import { createWeightedService } from '../services/weighted/weighted-service.js';
import type { ValidatedService } from '../validate/validated.js';
import type { CompiledService } from '../services/compiled-service.js';

export interface ServiceRegistryOptions {
  services: Record<string, ValidatedService>;
  internalHandlers: Map<string, HttpHandler>;
  deps: Pick<RuntimeDeps, 'createLoadBalancer'>;
  health: HealthRegistry;
  signal: AbortSignal;
  transport: Transport;
  logger: RuntimeLogger;
  /** steps of a service's own middlewares (qualified names) */
  middlewareSteps(names: string[]): HttpStep[];
}

export interface ServiceRegistry {
  /** the compiled service, built on first use; undefined for missing or disabled services */
  get(name: string): CompiledService | undefined;
  /** every service built so far */
  built(): Map<string, CompiledService>;
}

function withMiddlewares(svc: CompiledService, steps: HttpStep[]): CompiledService {
  if (steps.length === 0) return svc;
  const step = composeSteps(steps);
  return { ...svc, handler: (ex) => step(ex, () => svc.handler(ex)) };
}

/** Lazily compiles services of one generation (validation already rejected cycles). */
export function createServiceRegistry(opts: ServiceRegistryOptions): ServiceRegistry {
  const cache = new Map<string, CompiledService>();
  const building = new Set<string>();

  function build(v: ValidatedService): CompiledService | undefined {
    const c = v.config;
    const get = (n: string | undefined) => (n ? registry.get(n) : undefined);
    if (c.loadBalancer) {
      const { health, signal, transport } = opts;
      return createLoadBalancerService({ name: v.name, config: c.loadBalancer, createLoadBalancer: opts.deps.createLoadBalancer, health, signal, transport });
    }
    if (c.weighted) return createWeightedService({ name: v.name, config: c.weighted, resolve: get });
    const main = get(c.mirroring?.service ?? c.failover?.service);
    if (!main) return undefined;
    if (c.mirroring) return createMirroringService({ name: v.name, config: c.mirroring, main, resolve: get, logger: opts.logger });
    const fallback = get(c.failover?.fallback);
    return fallback ? createFailoverService({ name: v.name, main, fallback }) : undefined;
  }

  const registry: ServiceRegistry = {
    get(name) {
      const hit = cache.get(name);
      if (hit) return hit;
      const internal = opts.internalHandlers.get(name);
      if (internal) {
        const svc = createInternalService(name, internal);
        cache.set(name, svc);
        return svc;
      }
      const v = opts.services[name];
      if (!v || v.status === 'disabled' || building.has(name)) return undefined;
      building.add(name);
      try {
        const svc = build(v);
        if (!svc) return undefined;
        const full = withMiddlewares(svc, opts.middlewareSteps(v.config.middlewares ?? []));
        cache.set(name, full);
        return full;
      } finally {
        building.delete(name);
      }
    },
    built: () => cache,
  };
  return registry;
}
