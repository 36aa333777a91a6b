import { isWharfError, type EmitSnapshot, type Logger, type Provider, type ProviderSnapshot } from '@wharf/config';
import { RuntimeErrors } from '../errors.js';
import { deepEqual } from './deep-equal.js';
import { ProviderStateCell, type ProviderFailure } from './provider-state.js';

/** Restart delays: `initialMs`, doubled per failed start up to `maxMs`. */
export interface ProviderBackoff {
  /** first restart delay (default 1000) */
  initialMs: number;
  /** cap (default 30000) */
  maxMs: number;
  /** a run that stayed connected this long starts the next failure at `initialMs` again (default 10000) */
  resetAfterMs: number;
}

export const DEFAULT_PROVIDER_BACKOFF: Readonly<ProviderBackoff> = Object.freeze({ initialMs: 1000, maxMs: 30_000, resetAfterMs: 10_000 });

export interface ProviderRunnerOptions {
  provider: Provider;
  emit: EmitSnapshot;
  signal: AbortSignal;
  logger: Logger;
  /** receives every state change; `state.get()` is the current one */
  state: ProviderStateCell;
  backoff?: Partial<ProviderBackoff>;
}

/**
 * Runs one provider until the signal aborts: the one reconnect loop of wharf. `start` returning
 * or throwing before the abort means its source went away: the state turns `retrying` (with the
 * provider's coded error), the aggregator keeps its last snapshot, and the provider is started
 * again after the backoff delay. It turns `connected` at its first snapshot after a (re)start.
 * A connected provider re-emitting the snapshot it sent last (a poll that found nothing new)
 * changes nothing: no state change (so no `provider-state` event), nothing forwarded; the
 * state's `lastSnapshotAt` is the time of the last snapshot that changed something.
 */
export async function runProvider(opts: ProviderRunnerOptions): Promise<void> {
  const backoff = { ...DEFAULT_PROVIDER_BACKOFF, ...opts.backoff };
  const { provider, signal, state, logger } = opts;
  let delay = backoff.initialMs;
  let connectedAt: number | undefined;
  let last: ProviderSnapshot | undefined;
  const emit: EmitSnapshot = (snapshot) => {
    if (signal.aborted) return;
    connectedAt ??= Date.now();
    const before = state.get();
    if (before.state === 'connected' && last !== undefined && deepEqual(last, snapshot)) return;
    last = snapshot;
    state.emitted(snapshot);
    if (before.state === 'retrying') {
      logger.info('provider reconnected', { provider: provider.name, restarts: before.restarts, awayMs: Date.now() - Date.parse(before.since) });
    }
    opts.emit(snapshot);
  };
  try {
    while (!signal.aborted) {
      connectedAt = undefined;
      let error: unknown;
      try {
        await provider.start(emit, signal);
        error = RuntimeErrors.providerEnded(provider.name);
      } catch (err) {
        error = err;
      }
      if (signal.aborted) return;
      if (connectedAt !== undefined && Date.now() - connectedAt >= backoff.resetAfterMs) delay = backoff.initialMs;
      const failure = describeFailure(provider.name, error);
      logFailure(logger, provider.name, failure, error, delay);
      state.failed(failure, delay);
      await sleep(delay, signal);
      if (signal.aborted) return;
      delay = Math.min(delay * 2, backoff.maxMs);
      state.restarted();
    }
  } finally {
    state.stopped();
  }
}

/** The provider's own code when it has one (`WHARF_DOCKER_UNAVAILABLE`), else WHARF_PROVIDER_FAILED. */
function describeFailure(provider: string, err: unknown): Omit<ProviderFailure, 'at'> {
  if (isWharfError(err)) return { code: err.code, message: err.message };
  const reason = err instanceof Error ? err.message : String(err);
  return { code: RuntimeErrors.providerFailed.code, message: RuntimeErrors.providerFailed(provider, reason).message };
}

function logFailure(logger: Logger, provider: string, failure: Omit<ProviderFailure, 'at'>, err: unknown, retryInMs: number): void {
  if (failure.code === RuntimeErrors.providerEnded.code) {
    logger.warn('provider stopped unexpectedly; restarting', { provider, retryInMs });
  } else if (failure.code === RuntimeErrors.providerFailed.code) {
    logger.error('provider crashed; restarting', { provider, err, retryInMs });
  } else {
    logger.error('provider source is unavailable; keeping its last configuration and retrying', {
      provider, code: failure.code, error: failure.message, retryInMs,
    });
  }
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
