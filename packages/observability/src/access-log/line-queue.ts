import { once } from 'node:events';

/**
 * A bounded queue in front of a writable destination. `push` never waits: items are formatted
 * and written in one batch on the next event-loop turn; while the destination is saturated
 * (backpressure) items accumulate up to `capacity`, then new ones are dropped and counted.
 */
export interface LineQueue<T> {
  push(item: T): void;
  dropped(): number;
  /** items waiting for the destination */
  pending(): number;
  /** writes what is queued and waits (at most `timeoutMs`) until the destination accepted it */
  flush(timeoutMs?: number): Promise<void>;
  /** writes go to `next` from now on (log rotation); flush first to keep order */
  setDestination(next: NodeJS.WritableStream): void;
}

/** lines formatted per event-loop turn, so a long queue never stalls the proxy for long */
const MAX_BATCH = 512;

export function createLineQueue<T>(
  initial: NodeJS.WritableStream,
  capacity: number,
  format: (item: T) => string,
): LineQueue<T> {
  let queue: T[] = [];
  let dropped = 0;
  let scheduled = false;
  let waitingDrain = false;
  let failed = false;
  let out = initial;

  const drain = (): void => {
    scheduled = false;
    if (waitingDrain || queue.length === 0 || failed) return;
    const batch = queue.length <= MAX_BATCH ? queue : queue.slice(0, MAX_BATCH);
    queue = batch === queue ? [] : queue.slice(MAX_BATCH);
    let chunk = '';
    for (const item of batch) chunk += format(item);
    if (out.write(chunk)) {
      if (queue.length > 0) schedule();
      return;
    }
    waitingDrain = true;
    out.once('drain', () => {
      waitingDrain = false;
      schedule();
    });
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(drain);
  };
  const watch = (stream: NodeJS.WritableStream): void => {
    stream.on('error', () => {
      if (stream === out) failed = true;
    });
  };
  watch(out);

  return {
    push(item) {
      if (queue.length >= capacity || failed) {
        dropped++;
        return;
      }
      queue.push(item);
      schedule();
    },
    dropped: () => dropped + (failed ? queue.length : 0),
    pending: () => queue.length,
    setDestination(next) {
      out = next;
      failed = false;
      waitingDrain = false;
      watch(next);
      if (queue.length > 0) schedule();
    },
    async flush(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (let i = 0; i < 100_000 && (queue.length > 0 || waitingDrain) && !failed && Date.now() < deadline; i++) {
        if (!waitingDrain) {
          drain();
          continue;
        }
        const ac = new AbortController();
        const timer = setTimeout(() => ac.abort(), Math.max(0, deadline - Date.now()));
        await once(out, 'drain', { signal: ac.signal }).catch((err: { name?: string }) => {
          if (err.name !== 'AbortError') failed = true;
        });
        clearTimeout(timer);
      }
    },
  };
}
