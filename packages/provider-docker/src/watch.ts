import type { ProviderSnapshot } from '@wharf/config';
import type { ContainerData } from './docker-data.js';
import type { DockerEvent, DockerSource } from './docker-source.js';

/** The app's logging seam (`RuntimeLogger` shape: message first, then structured fields). */
export interface DockerProviderLogger {
  error(msg: string, fields?: Record<string, unknown>): void;
  warn?(msg: string, fields?: Record<string, unknown>): void;
  info?(msg: string, fields?: Record<string, unknown>): void;
  debug?(msg: string, fields?: Record<string, unknown>): void;
}

export interface WatchOptions {
  watch: boolean;
  /** debounce of events before a re-list (default 50 ms) */
  debounceMs: number;
  backoff: { initialMs: number; maxMs: number };
  /** a drained container whose `die` never comes is routed again after this (default 5 min) */
  drainTtlMs: number;
  logger?: DockerProviderLogger;
}

/** `kill` signals that end a container (absent = SIGKILL/SIGTERM from `docker stop`). */
const TERMINATING = new Set(['', '2', '3', '9', '15', 'SIGINT', 'SIGQUIT', 'SIGKILL', 'SIGTERM', 'INT', 'QUIT', 'KILL', 'TERM']);

/**
 * The I/O shell: list → build → emit, then re-list on container events. A stopping container
 * is drained at `kill`/`stop`, before it dies. When the engine goes away nothing is emitted
 * (the aggregator keeps the last snapshot); reconnect with backoff and resync.
 */
export async function watchDocker(
  source: DockerSource, build: (containers: ContainerData[]) => ProviderSnapshot,
  emit: (snapshot: ProviderSnapshot) => void, signal: AbortSignal, options: WatchOptions,
): Promise<void> {
  const draining = new Map<string, number>();
  let last: ContainerData[] = [];
  const publish = (): void => {
    if (!signal.aborted) emit(build(last.map((c) => (draining.has(c.id) ? { ...c, draining: true } : c))));
  };
  const sync = async (): Promise<void> => {
    const containers = await source.list(signal);
    const now = Date.now();
    for (const [id, since] of draining) {
      const c = containers.find((x) => x.id === id);
      if (!c || c.status !== 'running' || now - since > options.drainTtlMs) draining.delete(id);
    }
    last = containers;
    publish();
  };
  let delay = options.backoff.initialMs;
  while (!signal.aborted) {
    try {
      const events = options.watch ? await source.events(signal) : undefined;
      // after a reconnect the listing is the truth: drains whose `die`/`start` we missed (a
      // restarted engine restarts `restart: always` containers under the same id) are void
      draining.clear();
      await sync();
      delay = options.backoff.initialMs;
      if (!events) return;
      await consume(events, draining, { sync, publish }, signal, options);
      if (signal.aborted) return;
      options.logger?.warn?.('Docker event stream ended; reconnecting', { provider: 'docker' });
    } catch (err) {
      if (signal.aborted) return;
      options.logger?.error('Docker provider error; keeping the last configuration', { provider: 'docker', error: errorText(err), retryInMs: delay });
    }
    await sleep(delay, signal);
    delay = Math.min(delay * 2, options.backoff.maxMs);
  }
}

async function consume(
  events: AsyncIterable<DockerEvent>, draining: Map<string, number>,
  { sync, publish }: { sync: () => Promise<void>; publish: () => void },
  signal: AbortSignal, options: WatchOptions,
): Promise<void> {
  const debounced = createSerialDebounce(sync, options.debounceMs, (err) =>
    options.logger?.error('Docker re-list failed', { provider: 'docker', error: errorText(err) }));
  try {
    for await (const event of events) {
      if (signal.aborted) break;
      options.logger?.debug?.('Docker event', { provider: 'docker', action: event.action, id: event.id });
      if (event.action === 'stop' || (event.action === 'kill' && TERMINATING.has(event.signal ?? ''))) {
        // drain at once from the last listing (no engine round trip), then re-list
        if (!draining.has(event.id)) {
          draining.set(event.id, Date.now());
          publish();
        }
        debounced.schedule();
      } else if (event.action === 'start') {
        draining.delete(event.id);
        debounced.schedule();
      } else {
        debounced.schedule();
      }
    }
  } finally {
    await debounced.flush();
  }
}

/** Debounced, never-overlapping runs: events during a run trigger exactly one more run. */
export function createSerialDebounce(run: () => Promise<void>, ms: number, onError: (err: unknown) => void) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  const start = (): void => {
    timer = undefined;
    if (running) { again = true; return; }
    running = run().catch(onError).finally(() => {
      running = undefined;
      if (again) { again = false; start(); }
    });
  };
  return {
    schedule(): void { timer ??= setTimeout(start, ms); },
    async flush(): Promise<void> {
      if (timer) { clearTimeout(timer); timer = undefined; }
      while (running) await running;
    },
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void { clearTimeout(timer); signal.removeEventListener('abort', done); resolve(); }
    signal.addEventListener('abort', done, { once: true });
  });
}

function errorText(err: unknown): string {
  return err instanceof Error ? `${(err as { code?: string }).code ?? err.name}: ${err.message}` : String(err);
}
