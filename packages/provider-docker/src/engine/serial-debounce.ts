export interface SerialDebounce {
  /** run once `ms` after the first call since the last run started */
  schedule(): void;
  /** cancel a pending run and wait for the current one */
  flush(): Promise<void>;
}

/** Debounced, never-overlapping runs: events during a run trigger exactly one more run. */
export function createSerialDebounce(run: () => Promise<void>, ms: number, onError: (err: unknown) => void): SerialDebounce {
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
