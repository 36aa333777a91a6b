import { parseDuration, silentLogger, type Logger, type Provider } from '@wharf/config';
import { buildConfig } from '../build/build-config.js';
import { swarmContainers } from './swarm-data.js';
import { resolveSwarmOptions, type SwarmProviderOptionsInput } from './swarm-options.js';
import { createSwarmSource, type SwarmSource } from './swarm-source.js';

export interface SwarmProviderDeps {
  logger?: Logger;
  /** inject a manager (tests); default: dockerode on `options.endpoint` */
  source?: SwarmSource;
}

/**
 * The `swarm` provider (Traefik v3 `providers.swarm`): a full snapshot from the services'
 * labels and their tasks' (or virtual IPs') addresses, re-listed every `refreshSeconds` while
 * `watch` is on. A failed listing rejects with `WHARF_DOCKER_UNAVAILABLE`: the runner keeps the
 * last snapshot and restarts the provider with backoff.
 */
export function createSwarmProvider(input: SwarmProviderOptionsInput = {}, deps: SwarmProviderDeps = {}): Provider {
  const options = resolveSwarmOptions(input);
  const logger = deps.logger ?? silentLogger;
  const refreshMs = Math.max(100, parseDuration(options.refreshSeconds) || 15_000);
  const timeoutMs = options.httpClientTimeout !== undefined ? parseDuration(options.httpClientTimeout) || undefined : undefined;
  const build = { ...options, useBindPortIP: false };
  return {
    name: 'swarm',
    async start(emit, signal) {
      const source = deps.source ?? createSwarmSource({
        endpoint: options.endpoint, timeoutMs, username: options.username, password: options.password, tls: options.tls,
      });
      while (!signal.aborted) {
        const listing = await source.list();
        if (signal.aborted) return;
        const mapped = swarmContainers(listing.services, listing.tasks, listing.networks, options.labelPrefix);
        const snapshot = buildConfig(mapped.containers, build, { provider: 'swarm' });
        snapshot.diagnostics.unshift(...mapped.diagnostics);
        logger.debug('swarm listed', { provider: 'swarm', services: listing.services.length, tasks: mapped.containers.length });
        emit(snapshot);
        await sleep(options.watch ? refreshMs : Number.POSITIVE_INFINITY, signal);
      }
    },
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
