/**
 * Periodic push of a value to subscribers: the timer runs (unref'd) only while someone listens,
 * and a throwing listener never stops the others.
 */
export interface SnapshotPush<T> {
  subscribe(listener: (value: T) => void): () => void;
  close(): void;
}

export function createSnapshotPush<T>(produce: () => T, intervalMs: number, onListenerError?: (err: unknown) => void): SnapshotPush<T> {
  const listeners = new Set<(value: T) => void>();
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };
  const push = () => {
    const value = produce();
    for (const l of listeners) {
      try {
        l(value);
      } catch (err) {
        onListenerError?.(err);
      }
    }
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (timer === undefined) {
        timer = setInterval(push, intervalMs);
        timer.unref();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stop();
      };
    },
    close() {
      listeners.clear();
      stop();
    },
  };
}
