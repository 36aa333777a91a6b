import type { EmitSnapshot, Provider } from '@wharf/config';
import type { RuntimeLogger } from '../logger.js';

export interface ProviderRunnerOptions {
  provider: Provider;
  emit: EmitSnapshot;
  signal: AbortSignal;
  logger: RuntimeLogger;
  /** first restart delay, doubled per consecutive crash (default 1000) */
  backoffInitialMs?: number;
  /** default 30000 */
  backoffMaxMs?: number;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Runs one provider until the signal aborts. `start` resolving or rejecting early is a crash:
 * logged with context and restarted with exponential backoff (reset after a long healthy run).
 */
export async function runProvider(opts: ProviderRunnerOptions): Promise<void> {
  const initial = opts.backoffInitialMs ?? 1000;
  const max = opts.backoffMaxMs ?? 30_000;
  let delay = initial;
  while (!opts.signal.aborted) {
    const startedAt = Date.now();
    try {
      await opts.provider.start(opts.emit, opts.signal);
      if (opts.signal.aborted) return;
      opts.logger.warn('provider stopped unexpectedly; restarting', { provider: opts.provider.name, retryInMs: delay });
    } catch (err) {
      if (opts.signal.aborted) return;
      opts.logger.error('provider crashed; restarting', { provider: opts.provider.name, err, retryInMs: delay });
    }
    if (Date.now() - startedAt > max) delay = initial;
    await sleep(delay, opts.signal);
    delay = Math.min(delay * 2, max);
  }
}
