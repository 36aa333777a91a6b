import type { ServiceConfig } from '@wharf/config';
import { failover } from './failover/index.js';
import { loadBalancer } from './load-balancer/index.js';
import { mirroring } from './mirroring/index.js';
import type { ServiceKindDefinition } from './service-kind.js';
import { weighted } from './weighted/index.js';

/** Every service kind, in Traefik's order. Adding one = one folder + one entry here (+ the model). */
export const builtinServiceKinds: readonly ServiceKindDefinition[] = [loadBalancer, weighted, mirroring, failover];

/** The kinds a service config sets (a valid service sets exactly one). */
export function serviceKindsOf(config: ServiceConfig): ServiceKindDefinition[] {
  return builtinServiceKinds.filter((kind) => config[kind.key] !== undefined && config[kind.key] !== null);
}
