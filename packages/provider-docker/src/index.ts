export {
  DockerProviderOptionsSchema,
  DOCKER_PROVIDER_DEFAULTS,
  DOCKER_DEFAULT_ENDPOINT,
  DOCKER_DEFAULT_RULE,
  resolveDockerProviderOptions,
} from './options.js';
export type { DockerProviderOptions, DockerProviderOptionsInput } from './options.js';
