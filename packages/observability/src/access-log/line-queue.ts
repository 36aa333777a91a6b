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
  /** writes what is queued and waits until the destination accepted it */
  flush(): Promise<void>;
  /** writes go to `next` from now on (log rotation); flush first to keep order */
  setDestination(next: NodeJS.WritableStream): void;
}

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
    const batch = queue;
    queue = [];
    let chunk = '';
    for (const item of batch) chunk += format(item);
    const ok = out.write(chunk);
    if (!ok) {
      waitingDrain = true;
      out.once('drain', () => {
        waitingDrain = false;
        schedule();
      });
    }
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
    async flush() {
      for (let i = 0; i < 1000 && (queue.length > 0 || waitingDrain) && !failed; i++) {
        if (waitingDrain) await once(out, 'drain').catch(() => (failed = true));
        else drain();
      }
    },
  };
}
