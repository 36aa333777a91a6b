import { parseDuration, silentLogger, type Diagnostic, type Logger, type Provider } from '@wharf/config';
import { buildConfig } from './build/build-config.js';
import type { ContainerData } from './build/container-data.js';
import { createDockerodeSource, type DockerSource } from './engine/docker-source.js';
import { resolveHostAddress } from './engine/host-address.js';
import { watchDocker } from './engine/watch.js';
import { resolveDockerProviderOptions, type DockerProviderOptionsInput } from './options.js';

export interface DockerProviderDeps {
  /** default: silent */
  logger?: Logger;
  /** debounce of Docker events before a re-list (default 50 ms) */
  throttleMs?: number;
  /** address for `network_mode: host` containers (default: host.docker.internal, host.containers.internal, 127.0.0.1) */
  hostAddress?: string;
  /** inject an engine (tests); default: dockerode on `options.endpoint` */
  source?: DockerSource;
}

/**
 * The `docker` provider: full snapshots from the engine's containers and their labels. One
 * `start` is one connection: it rejects with `WHARF_DOCKER_UNAVAILABLE` when the engine goes
 * away, and the provider runner (runtime) starts it again with backoff; each start resyncs.
 */
export function createDockerProvider(input: DockerProviderOptionsInput = {}, deps: DockerProviderDeps = {}): Provider {
  const options = resolveDockerProviderOptions(input);
  const logger = deps.logger ?? silentLogger;
  const timeoutMs = clientTimeout(options.httpClientTimeout, logger);
  // kept across restarts: the host address does not move, and diagnostics are logged once
  let hostAddress: Promise<string> | undefined;
  const logDiagnostics = createDiagnosticLog(logger);
  return {
    name: 'docker',
    async start(emit, signal) {
      hostAddress ??= deps.hostAddress !== undefined ? Promise.resolve(deps.hostAddress) : resolveHostAddress();
      const env = { hostAddress: await hostAddress };
      // a fresh client per connection: the engine may come back as another version
      const source = deps.source ?? createDockerodeSource({
        endpoint: options.endpoint, timeoutMs, username: options.username, password: options.password, tls: options.tls,
      });
      const build = (containers: ContainerData[]) => {
        const snapshot = buildConfig(containers, options, env);
        logDiagnostics(snapshot.diagnostics);
        return snapshot;
      };
      await watchDocker(source, build, emit, signal, {
        watch: options.watch, debounceMs: deps.throttleMs ?? 50, drainTtlMs: 5 * 60_000, logger,
      });
    },
  };
}

/** Log diagnostics when they change (the API shows them too; logs help before it is up). */
function createDiagnosticLog(logger: Logger): (diagnostics: Diagnostic[]) => void {
  let last = new Set<string>();
  return (diagnostics) => {
    const next = new Set<string>();
    for (const d of diagnostics) {
      const key = `${d.source}|${d.code}|${d.key ?? ''}|${d.message}`;
      next.add(key);
      if (last.has(key)) continue;
      const fields = { provider: 'docker', container: d.source, code: d.code, key: d.key, suggestion: d.suggestion };
      if (d.severity === 'info') logger.info(d.message, fields);
      else if (d.severity === 'warning') logger.warn(d.message, fields);
      else logger.error(d.message, fields);
    }
    last = next;
  };
}

function clientTimeout(value: string | number | undefined, logger: Logger): number | undefined {
  if (value === undefined) return undefined;
  try {
    return parseDuration(value) || undefined;
  } catch {
    logger.error('invalid providers.docker.httpClientTimeout; using no timeout', { provider: 'docker', value });
    return undefined;
  }
}
