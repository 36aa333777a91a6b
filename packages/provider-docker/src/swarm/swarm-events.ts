import type { Logger } from '@wharf/config';
import type { DockerEvent } from '../engine/docker-events.js';

/** Engine events that may change a listing: services created/updated/removed, task containers starting or stopping. */
export const SWARM_EVENT_FILTERS = {
  type: ['service', 'container'],
  event: ['create', 'update', 'remove', 'start', 'die', 'kill', 'stop', 'health_status'],
};

export interface SwarmEventSource {
  readonly endpoint: string;
  /** service and container events from now on; the iterable ends or throws when the engine goes away */
  events(signal: AbortSignal): Promise<AsyncIterable<DockerEvent>>;
}

export interface SwarmEventWatchOptions {
  /** called on every event and after each (re)subscription (events may have been missed) */
  changed(): void;
  logger: Logger;
  /** first delay before resubscribing after the stream failed; doubled up to `maxRetryMs` */
  retryMs: number;
  maxRetryMs: number;
}

/**
 * Follows the engine's event stream until the signal aborts. A stream that fails or ends is
 * resubscribed with backoff; meanwhile the provider's `refreshSeconds` polling carries on, so
 * a lost stream only slows changes down to the polling period, it never stops them.
 */
export async function followSwarmEvents(source: SwarmEventSource, signal: AbortSignal, options: SwarmEventWatchOptions): Promise<void> {
  let delay = options.retryMs;
  while (!signal.aborted) {
    try {
      const events = await source.events(signal);
      delay = options.retryMs;
      options.changed();
      for await (const _event of events) options.changed();
      if (signal.aborted) return;
      options.logger.warn('swarm event stream ended; polling until it is back', { provider: 'swarm', endpoint: source.endpoint, retryInMs: delay });
    } catch (err) {
      if (signal.aborted) return;
      options.logger.warn('swarm event stream failed; polling until it is back', {
        provider: 'swarm', endpoint: source.endpoint, error: err instanceof Error ? err.message : String(err), retryInMs: delay,
      });
    }
    await sleep(delay, signal);
    delay = Math.min(delay * 2, options.maxRetryMs);
  }
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
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
