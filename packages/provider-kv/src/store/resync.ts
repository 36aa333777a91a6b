export interface Resync {
  /** a change was seen: run `sync` soon (at most one run in flight, one queued) */
  request(): void;
  /** runs `sync` at once (the first listing); rejects if it throws */
  now(): Promise<void>;
  /** rejects with the first error `sync` throws */
  readonly failed: Promise<never>;
  stop(): void;
}

export interface ResyncTiming {
  /** run once no notice came for this long (a burst of writes becomes one listing) */
  quietMs: number;
  /** but never later than this after the first notice of a burst */
  maxWaitMs: number;
}

/**
 * Latest-wins runs of the provider's sync (a listing when one is due, then decode and emit): a
 * burst of notices shares one run (after `quietMs` of silence, at most `maxWaitMs` after its
 * first notice); a notice during a run queues exactly one more run after it, so the last change
 * is always emitted and nothing piles up.
 */
export function createResync(sync: () => Promise<void>, timing: ResyncTiming): Resync {
  let timer: NodeJS.Timeout | undefined;
  let firstNotice = 0;
  let running = false;
  let queued = false;
  let stopped = false;
  let fail: (err: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  failed.catch(() => undefined);
  const run = async (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    if (stopped) return;
    running = true;
    try {
      await sync();
    } catch (err) {
      stopped = true;
      fail(err);
      throw err;
    } finally {
      running = false;
      if (queued && !stopped) {
        queued = false;
        schedule();
      }
    }
  };
  const schedule = (): void => {
    const now = Date.now();
    if (timer === undefined) firstNotice = now;
    clearTimeout(timer);
    const wait = Math.max(0, Math.min(timing.quietMs, firstNotice + timing.maxWaitMs - now));
    timer = setTimeout(() => run().catch(() => undefined), wait);
  };
  return {
    request() {
      if (stopped) return;
      if (running) queued = true;
      else schedule();
    },
    now: run,
    failed,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
