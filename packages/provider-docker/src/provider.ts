import { parseDuration, type Diagnostic, type Provider } from '@wharf/config';
import type { ContainerData } from './docker-data.js';
import { buildConfig } from './build-config.js';
import { createDockerodeSource, type DockerSource } from './docker-source.js';
import { resolveDockerProviderOptions, type DockerProviderOptionsInput } from './options.js';
import { resolveHostAddress } from './host-address.js';
import { watchDocker, type DockerProviderLogger } from './watch.js';

export interface DockerProviderDeps {
  logger?: DockerProviderLogger;
  /** debounce of Docker events before a re-list (default 50 ms) */
  throttleMs?: number;
  /** reconnect backoff (defaults 250 ms doubling to 10 s) */
  backoff?: { initialMs: number; maxMs: number };
  /** address for `network_mode: host` containers (default: host.docker.internal, host.containers.internal, 127.0.0.1) */
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
      const timeoutMs = clientTimeout(options.httpClientTimeout, deps.logger);
      const hostAddress = deps.hostAddress ?? (await resolveHostAddress());
      const source = deps.source ?? createDockerodeSource({
        endpoint: options.endpoint, timeoutMs, username: options.username, password: options.password, tls: options.tls,
      });
      const logDiagnostics = createDiagnosticLog(deps.logger);
      const build = (containers: ContainerData[]) => {
        const snapshot = buildConfig(containers, options, { hostAddress });
        logDiagnostics(snapshot.diagnostics);
        return snapshot;
      };
      await watchDocker(source, build, emit, signal, {
        watch: options.watch,
        debounceMs: deps.throttleMs ?? 50,
        backoff: deps.backoff ?? { initialMs: 250, maxMs: 10_000 },
        drainTtlMs: 5 * 60_000,
        logger: deps.logger,
      });
    },
  };
}

/** Log diagnostics when they change (the API shows them too; logs help before it is up). */
function createDiagnosticLog(logger: DockerProviderLogger | undefined): (diagnostics: Diagnostic[]) => void {
  let last = new Set<string>();
  return (diagnostics) => {
    const next = new Set<string>();
    for (const d of diagnostics) {
      const key = `${d.source}|${d.code}|${d.key ?? ''}|${d.message}`;
      next.add(key);
      if (last.has(key) || !logger) continue;
      const fields = { provider: 'docker', container: d.source, code: d.code, key: d.key, suggestion: d.suggestion };
      if (d.severity === 'info') logger.info?.(d.message, fields);
      else if (d.severity === 'warning') logger.warn?.(d.message, fields);
      else logger.error(d.message, fields);
    }
    last = next;
  };
}

function clientTimeout(value: string | number | undefined, logger: DockerProviderLogger | undefined): number | undefined {
  if (value === undefined) return undefined;
  try {
    return parseDuration(value) || undefined;
  } catch {
    logger?.error('invalid providers.docker.httpClientTimeout; using no timeout', { provider: 'docker', value });
    return undefined;
  }
}
