import { parseDuration, silentLogger, type Logger, type Provider } from '@wharf/config';
import { buildConfig } from '../build/build-config.js';
import { createSerialDebounce } from '../engine/serial-debounce.js';
import { swarmContainers, tasksSettling } from './swarm-data.js';
import { followSwarmEvents, sleep } from './swarm-events.js';
import { resolveSwarmOptions, type SwarmProviderOptionsInput } from './swarm-options.js';
import { createSwarmSource, type SwarmSource } from './swarm-source.js';

export interface SwarmProviderDeps {
  logger?: Logger;
  /** inject a manager (tests); default: dockerode on `options.endpoint` */
  source?: SwarmSource;
  /** debounce of engine events before a re-list (default 100 ms) */
  eventDebounceMs?: number;
  /** first delay before resubscribing to a failed event stream (default 1000 ms, doubled up to refreshSeconds) */
  eventRetryMs?: number;
  /** delay of a follow-up listing while tasks are starting or stopping (default 500 ms) */
  settleMs?: number;
}

const SETTLE_MS = 500;
/** follow-up listings per engine event while tasks settle: 20 × 500 ms covers a slow start of 10 s */
const SETTLE_LISTINGS = 20;

/**
 * The `swarm` provider (Traefik v3 `providers.swarm`): a full snapshot from the services'
 * labels and their tasks' (or virtual IPs') addresses. While `watch` is on it follows the
 * engine's service and container events and re-lists at once (debounced), and still re-lists
 * every `refreshSeconds` as a fallback (events of other nodes' containers, a lost stream). A
 * failed listing rejects with `WHARF_DOCKER_UNAVAILABLE`: the runner keeps the last snapshot
 * and restarts the provider with backoff. A failed event stream only falls back to polling.
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
      // listings left to make while tasks settle after an engine event (a stuck task is not polled forever)
      let settling = 0;
      let relistSoon = (): void => undefined;
      const refresh = async (): Promise<void> => {
        const listing = await source.list();
        if (signal.aborted) return;
        if (settling > 0 && tasksSettling(listing.tasks)) {
          settling -= 1;
          relistSoon();
        }
        const mapped = swarmContainers(listing.services, listing.tasks, listing.networks, options.labelPrefix);
        const snapshot = buildConfig(mapped.containers, build, { provider: 'swarm' });
        snapshot.diagnostics.unshift(...mapped.diagnostics);
        logger.debug('swarm listed', { provider: 'swarm', services: listing.services.length, tasks: mapped.containers.length });
        emit(snapshot);
      };
      await refresh();
      if (!options.watch) return await sleep(Number.POSITIVE_INFINITY, signal);
      const run = new AbortController();
      const stop = (): void => run.abort();
      signal.addEventListener('abort', stop, { once: true });
      let failure: unknown;
      const relist = createSerialDebounce(refresh, deps.eventDebounceMs ?? 100, (err) => { failure ??= err; run.abort(); });
      relistSoon = () => void setTimeout(() => run.signal.aborted || relist.schedule(), deps.settleMs ?? SETTLE_MS).unref();
      const events = source.events
        ? followSwarmEvents(source as Required<SwarmSource>, run.signal, {
          changed: () => {
            settling = SETTLE_LISTINGS;
            relist.schedule();
          },
          logger, retryMs: deps.eventRetryMs ?? 1000, maxRetryMs: Math.max(1000, refreshMs),
        })
        : Promise.resolve();
      try {
        while (!run.signal.aborted) {
          await sleep(refreshMs, run.signal);
          if (!run.signal.aborted) relist.schedule();
        }
      } finally {
        signal.removeEventListener('abort', stop);
        run.abort();
        await relist.flush();
        await events;
      }
      if (failure !== undefined && !signal.aborted) throw failure;
    },
  };
}
