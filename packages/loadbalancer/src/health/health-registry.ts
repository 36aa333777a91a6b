import type { ServerHealthInfo } from '@wharf/config';
import type { HealthRegistry, ServerStateChange } from '../types.js';

/** The in-memory registry plus housekeeping the runtime may call between generations. */
export interface MemoryHealthRegistry extends HealthRegistry {
  /** drops entries whose service+URL no longer exists; returns how many were dropped */
  prune(keep: (service: string, url: string) => boolean): number;
  readonly size: number;
}

const SEP = '\u0000';

/**
 * Health state shared across generations, keyed by qualified service name + server URL.
 * Emits a `ServerStateChange` when a known server flips between UP and DOWN.
 */
export function createHealthRegistry(): MemoryHealthRegistry {
  const entries = new Map<string, { service: string; info: ServerHealthInfo }>();
  const listeners = new Set<(change: ServerStateChange) => void>();

  function emit(change: ServerStateChange): void {
    for (const listener of listeners) {
      try {
        listener(change);
      } catch (err) {
        // a faulty subscriber must not break health bookkeeping: rethrow outside this call stack
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }

  return {
    get: (service, url) => entries.get(service + SEP + url)?.info,
    set(service, info) {
      const key = service + SEP + info.url;
      const previous = entries.get(key)?.info;
      entries.set(key, { service, info: { ...info } });
      if (previous !== undefined && previous.state !== info.state) {
        const change: ServerStateChange = { service, url: info.url, state: info.state, at: new Date().toISOString() };
        if (info.lastResult !== undefined) change.lastResult = info.lastResult;
        emit(change);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    prune(keep) {
      let dropped = 0;
      for (const [key, entry] of entries) {
        if (!keep(entry.service, entry.info.url)) {
          entries.delete(key);
          dropped++;
        }
      }
      return dropped;
    },
    get size() {
      return entries.size;
    },
  };
}
