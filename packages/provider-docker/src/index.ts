export {
  DockerProviderOptionsSchema,
  DOCKER_PROVIDER_DEFAULTS,
  DOCKER_DEFAULT_ENDPOINT,
  DOCKER_DEFAULT_RULE,
  resolveDockerProviderOptions,
} from './options.js';
export type { DockerProviderOptions, DockerProviderOptionsInput } from './options.js';
export { createDockerProvider } from './provider.js';
export type { DockerProviderDeps } from './provider.js';
export { DockerUnavailableError } from './errors.js';
// labels/: one label set → routers, services, middlewares and provider keys (pure)
export { normalizeName } from './labels/normalize-name.js';
// build/: containers → snapshot (pure)
export { buildConfig } from './build/build-config.js';
export type { BuildOptions, BuildEnvironment } from './build/build-config.js';
export type { ContainerData, ContainerNetwork, ContainerPort, ContainerHealth } from './build/container-data.js';
export { DockerDiagnosticCode } from './build/diagnostics.js';
// engine/: dockerode, inspect cache, events, one connection's watch (I/O)
export type { DockerSource } from './engine/docker-source.js';
export type { DockerEvent } from './engine/docker-events.js';
export { createDockerodeSource, negotiateApiVersion, MAX_API_VERSION } from './engine/docker-source.js';
// swarm/: Swarm services and tasks → the same builder (Traefik v3 `providers.swarm`)
export { SwarmProviderOptionsSchema, resolveSwarmOptions, SWARM_PROVIDER_DEFAULTS } from './swarm/swarm-options.js';
export type { SwarmProviderOptions, SwarmProviderOptionsInput } from './swarm/swarm-options.js';
export { createSwarmProvider, type SwarmProviderDeps } from './swarm/swarm-provider.js';
export { swarmContainers, SwarmDiagnosticCode, type SwarmService, type SwarmTask } from './swarm/swarm-data.js';
export type { SwarmSource, SwarmListing } from './swarm/swarm-source.js';
