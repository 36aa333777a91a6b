/**
 * Timers for many concurrent loops bound to one signal: one abort listener for all of them
 * (a listener per sleep would pile up on the signal with a thousand services), each sleep
 * resolves early on abort, and nothing is left scheduled after it.
 */
export function createSleeper(signal: AbortSignal): (ms: number) => Promise<void> {
  const pending = new Map<ReturnType<typeof setTimeout>, () => void>();
  signal.addEventListener('abort', () => {
    for (const [timer, resolve] of pending) {
      clearTimeout(timer);
      resolve();
    }
    pending.clear();
  }, { once: true });
  return (ms) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(() => {
        pending.delete(timer);
        resolve();
      }, Math.max(0, Math.min(ms, 2 ** 31 - 1)));
      pending.set(timer, resolve);
    });
}
