import type { Provider, ProviderSnapshot } from '@wharf/config';

export interface Running {
  snapshots: ProviderSnapshot[];
  /** resolves with the latest snapshot if it satisfies `ok`, else the next one that does */
  until(ok: (s: ProviderSnapshot) => boolean, timeoutMs?: number): Promise<ProviderSnapshot>;
  /** how `start` settled: 'returned', or the error it threw */
  readonly done: Promise<'returned' | Error>;
  stop(): Promise<'returned' | Error>;
}

/** Starts a provider and records what it emits. */
export function run(provider: Provider): Running {
  const snapshots: ProviderSnapshot[] = [];
  const waiters: Array<{ ok: (s: ProviderSnapshot) => boolean; resolve: (s: ProviderSnapshot) => void }> = [];
  const controller = new AbortController();
  const done = provider.start((s) => {
    snapshots.push(s);
    for (const w of [...waiters]) {
      if (!w.ok(s)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(s);
    }
  }, controller.signal).then(() => 'returned' as const, (err: Error) => err);
  return {
    snapshots,
    done,
    until(ok, timeoutMs = 5000) {
      const latest = snapshots.at(-1);
      if (latest && ok(latest)) return Promise.resolve(latest);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          const last = JSON.stringify(snapshots.at(-1)?.config ?? null);
          reject(new Error(`no matching snapshot within ${timeoutMs} ms (${snapshots.length} emitted; last: ${last.slice(0, 300)})`));
        }, timeoutMs);
        waiters.push({ ok, resolve: (s) => { clearTimeout(timer); resolve(s); } });
      });
    },
    async stop() {
      controller.abort();
      return done;
    },
  };
}

export interface Restarting {
  snapshots: ProviderSnapshot[];
  /** how many times `start` rejected and was started again */
  restarts(): number;
  stop(): Promise<void>;
}

/** Starts a provider and starts it again whenever it rejects (the store went away), as the provider runner does. */
export function runRestarting(provider: Provider, delayMs = 100): Restarting {
  const snapshots: ProviderSnapshot[] = [];
  const controller = new AbortController();
  let restarts = 0;
  const loop = async (): Promise<void> => {
    while (!controller.signal.aborted) {
      try {
        await provider.start((s) => snapshots.push(s), controller.signal);
      } catch {
        restarts++;
        await new Promise((r) => setTimeout(r, delayMs));
      }
    }
  };
  const done = loop();
  return {
    snapshots,
    restarts: () => restarts,
    async stop() {
      controller.abort();
      await done;
    },
  };
}
