import type { HttpHandler, HttpStep, Transport } from '@wharf/config';
import type { HealthRegistry } from '@wharf/loadbalancer';
import { composeSteps } from '@wharf/middlewares';
import type { RuntimeDeps } from '../deps.js';
import type { Logger as RuntimeLogger } from '@wharf/config';
import type { CompiledService } from '../services/compiled-service.js';
import { createInternalService } from '../services/internal-service.js';
import type { ServiceBuildContext } from '../services/service-kind.js';
import type { ValidatedService } from '../validate/validated.js';

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

/**
 * Lazily compiles services of one generation through their kind's definition (the table in
 * services/registry.ts); validation already rejected cycles.
 */
export function createServiceRegistry(opts: ServiceRegistryOptions): ServiceRegistry {
  const cache = new Map<string, CompiledService>();
  const building = new Set<string>();

  const context = (name: string): ServiceBuildContext => ({
    name,
    resolve: (n) => (n ? registry.get(n) : undefined),
    createLoadBalancer: opts.deps.createLoadBalancer,
    health: opts.health,
    signal: opts.signal,
    transport: opts.transport,
    logger: opts.logger,
  });

  /** the kind's factory, chosen at validation (`definition` is set on every enabled service) */
  function build(v: ValidatedService): CompiledService | undefined {
    const kind = v.definition;
    const config = kind && v.config[kind.key];
    return kind && config ? kind.create(config, context(v.name)) : undefined;
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
