import type { Provider } from '@wharf/config';
import { buildConfig } from './build-config.js';
import { createDockerodeSource, type DockerSource } from './docker-source.js';
import { resolveDockerProviderOptions, type DockerProviderOptionsInput } from './options.js';
import { durationToMs } from './duration.js';
import { watchDocker, type DockerProviderLogger } from './watch.js';

export interface DockerProviderDeps {
  logger?: DockerProviderLogger;
  /** debounce of Docker events before a re-list (default 50 ms) */
  throttleMs?: number;
  /** reconnect backoff (defaults 250 ms doubling to 10 s) */
  backoff?: { initialMs: number; maxMs: number };
  /** address for `network_mode: host` containers (default 127.0.0.1) */
  hostAddress?: string;
  /** inject an engine (tests); default: dockerode on `options.endpoint` */
  source?: DockerSource;
}

/** The `docker` provider: full snapshots from the engine's containers and their labels. */
export function createDockerProvider(input: DockerProviderOptionsInput = {}, deps: DockerProviderDeps = {}): Provider {
  const options = resolveDockerProviderOptions(input);
  return {
    name: 'docker',
    async start(emit, signal) {
      const timeoutMs = options.httpClientTimeout === undefined ? undefined : durationToMs(options.httpClientTimeout);
      const source = deps.source ?? createDockerodeSource({
        endpoint: options.endpoint, timeoutMs, username: options.username, password: options.password, tls: options.tls,
      });
      await watchDocker(source, (containers) => buildConfig(containers, options, { hostAddress: deps.hostAddress }), emit, signal, {
        watch: options.watch,
        debounceMs: deps.throttleMs ?? 50,
        backoff: deps.backoff ?? { initialMs: 250, maxMs: 10_000 },
        drainTtlMs: 5 * 60_000,
        logger: deps.logger,
      });
    },
  };
}
