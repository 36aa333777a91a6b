// The static options alone (typebox schemas): what the app needs at start-up to validate
// `providers.docker` / `providers.swarm` and print help, without the provider's code.
export { DockerProviderOptionsSchema } from './options.js';
export { SwarmProviderOptionsSchema } from './swarm/swarm-options.js';
