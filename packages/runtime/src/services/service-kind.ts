import type { Logger, ServiceConfig, ServiceInfo, Transport } from '@wharf/config';
import type { CreateLoadBalancer, HealthRegistry } from '@wharf/loadbalancer';
import type { CompiledService } from './compiled-service.js';

/** The config key a service kind is set under (`loadBalancer`, `weighted`, …). */
export type ServiceKindKey = Exclude<keyof ServiceConfig, 'middlewares'>;

/** What a kind's `create` receives, once per service and generation. */
export interface ServiceBuildContext {
  /** the service's qualified name */
  name: string;
  /** another compiled service of this generation; undefined when missing, disabled or cyclic */
  resolve(name: string | undefined): CompiledService | undefined;
  createLoadBalancer: CreateLoadBalancer;
  health: HealthRegistry;
  /** the generation's signal (health checkers stop with it) */
  signal: AbortSignal;
  transport: Transport;
  logger: Logger;
}

/** One service kind: its config key, its name in the view, its references and its factory. */
export interface ServiceKindDefinition<K extends ServiceKindKey = ServiceKindKey> {
  readonly key: K;
  /** Traefik's `ServiceInfo.type` (`loadbalancer`, `weighted`, …) */
  readonly type: ServiceInfo['type'];
  /** fields that must be set (a missing one disables the service) */
  readonly required?: readonly string[];
  /** the services this one forwards to, main first (validation checks they exist, without cycles) */
  members?(config: NonNullable<ServiceConfig[K]>): string[];
  /** the compiled service; undefined when a member it cannot do without is unavailable */
  create(config: NonNullable<ServiceConfig[K]>, ctx: ServiceBuildContext): CompiledService | undefined;
}

/** Helper for a service kind folder's `index.ts`. */
export function defineServiceKind<K extends ServiceKindKey>(definition: ServiceKindDefinition<K>): ServiceKindDefinition<K> {
  return Object.freeze(definition);
}
