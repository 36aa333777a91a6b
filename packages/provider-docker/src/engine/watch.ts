import { isWharfError, type Logger, type ProviderSnapshot } from '@wharf/config';
import type { ContainerData } from '../build/container-data.js';
import { dockerError, DockerUnavailableError } from '../errors.js';
import type { DockerEvent } from './docker-events.js';
import type { DockerSource } from './docker-source.js';
import { createSerialDebounce } from './serial-debounce.js';

export interface WatchOptions {
  watch: boolean;
  /** debounce of events before a re-list (default 50 ms) */
  debounceMs: number;
  /** a drained container whose `die` never comes is routed again after this (default 5 min) */
  drainTtlMs: number;
  logger: Logger;
}

/** `kill` signals that end a container (absent = SIGKILL/SIGTERM from `docker stop`). */
const TERMINATING = new Set(['', '2', '3', '9', '15', 'SIGINT', 'SIGQUIT', 'SIGKILL', 'SIGTERM', 'INT', 'QUIT', 'KILL', 'TERM']);

interface Listing {
  /** re-list the engine, then publish */
  sync(): Promise<void>;
  /** publish the last listing again (drains changed) */
  publish(): void;
}

/**
 * The I/O shell of one connection: subscribe to events, list → build → emit, then re-list on
 * container events. A stopping container is drained at `kill`/`stop`, before it dies. Resolves
 * on abort; when the engine goes away it rejects with `WHARF_DOCKER_UNAVAILABLE` and emits
 * nothing more: the provider runner keeps the last snapshot and starts it again with backoff,
 * and the next start resyncs from a fresh listing (drains it cannot confirm are forgotten).
 */
export async function watchDocker(
  source: DockerSource, build: (containers: ContainerData[]) => ProviderSnapshot,
  emit: (snapshot: ProviderSnapshot) => void, signal: AbortSignal, options: WatchOptions,
): Promise<void> {
  // one signal per connection: ending it (abort, failure) closes the event stream with it
  const connection = new AbortController();
  const close = (): void => connection.abort();
  signal.addEventListener('abort', close, { once: true });
  const draining = new Map<string, number>();
  let last: ContainerData[] = [];
  const publish = (): void => {
    if (!signal.aborted) emit(build(last.map((c) => (draining.has(c.id) ? { ...c, draining: true } : c))));
  };
  const sync = async (): Promise<void> => {
    const containers = await source.list(connection.signal);
    const now = Date.now();
    for (const [id, since] of draining) {
      const c = containers.find((x) => x.id === id);
      if (!c || c.status !== 'running' || now - since > options.drainTtlMs) draining.delete(id);
    }
    last = containers;
    publish();
  };
  try {
    // subscribe before listing, so no change between the two is missed
    const events = options.watch ? await source.events(connection.signal) : undefined;
    await sync();
    if (!events) return await waitForAbort(signal);
    await consume(events, draining, { sync, publish }, signal, options);
  } catch (err) {
    if (signal.aborted) return;
    throw isWharfError(err) ? err : dockerError(source.endpoint, err);
  } finally {
    signal.removeEventListener('abort', close);
    close();
  }
  if (!signal.aborted) throw DockerUnavailableError(source.endpoint, 'the event stream ended');
}

async function consume(
  events: AsyncIterable<DockerEvent>, draining: Map<string, number>, { sync, publish }: Listing,
  signal: AbortSignal, options: WatchOptions,
): Promise<void> {
  const debounced = createSerialDebounce(sync, options.debounceMs, (err) =>
    options.logger.error('Docker re-list failed', { provider: 'docker', error: errorText(err) }));
  try {
    for await (const event of events) {
      if (signal.aborted) break;
      options.logger.debug('Docker event', { provider: 'docker', action: event.action, id: event.id });
      if (event.action === 'stop' || (event.action === 'kill' && TERMINATING.has(event.signal ?? ''))) {
        // drain at once from the last listing (no engine round trip), then re-list
        if (!draining.has(event.id)) {
          draining.set(event.id, Date.now());
          publish();
        }
      } else if (event.action === 'start') {
        draining.delete(event.id);
      }
      debounced.schedule();
    }
  } finally {
    await debounced.flush();
  }
}

function waitForAbort(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((done) => signal.addEventListener('abort', () => done(), { once: true }));
}

function errorText(err: unknown): string {
  return err instanceof Error ? `${(err as { code?: string }).code ?? err.name}: ${err.message}` : String(err);
}
