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
export type { DockerProviderLogger } from './watch.js';
export { buildConfig } from './build-config.js';
export type { BuildOptions, BuildEnvironment } from './build-config.js';
export type { ContainerData, ContainerNetwork, ContainerPort, ContainerHealth } from './docker-data.js';
export type { DockerSource, DockerEvent } from './docker-source.js';
export { createDockerodeSource, negotiateApiVersion, MAX_API_VERSION } from './docker-source.js';
export { DockerDiagnosticCode } from './diagnostics.js';
export { DockerUnavailableError } from './errors.js';
export { normalizeName } from './container-name.js';
