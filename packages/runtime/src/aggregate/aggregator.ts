import type { Diagnostic, DynamicConfig, Provider, ProviderSnapshot } from '@wharf/config';
import { silentLogger, type RuntimeLogger } from '../logger.js';
import { deepEqual } from './deep-equal.js';
import { mergeConfigs } from './merge.js';
import { runProvider } from './provider-runner.js';
import { qualifyConfig } from './qualify.js';

export interface AggregatorOptions {
  /** in precedence order (first wins ties, Traefik `providers.precedence`) */
  providers: Provider[];
  /** per-provider throttle, latest wins (Traefik `providersThrottleDuration`, default 2000) */
  throttleMs?: number;
  /** max wait for every provider's first snapshot before the first apply (default 10000) */
  firstSnapshotTimeoutMs?: number;
  /** receives the qualified, merged config and every provider's latest diagnostics; never throws out */
  onConfig(merged: DynamicConfig, diagnostics: Diagnostic[]): void;
  logger?: RuntimeLogger;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** how long close() waits for providers to return after the abort (default 5000) */
  closeTimeoutMs?: number;
}

export interface Aggregator {
  start(): void;
  /** stops every provider (aborts their signal) and pending timers; waits for them at most `closeTimeoutMs` */
  close(): Promise<void>;
  /** provider names */
  readonly providers: string[];
}

interface ProviderState {
  accepted?: ProviderSnapshot;
  pending?: ProviderSnapshot;
  timer?: NodeJS.Timeout;
}

/** Providers → throttled, qualified, merged snapshots (Traefik's ConfigurationWatcher). */
export function createAggregator(opts: AggregatorOptions): Aggregator {
  const logger = opts.logger ?? silentLogger;
  const throttleMs = opts.throttleMs ?? 2000;
  const controller = new AbortController();
  const states = new Map<string, ProviderState>(opts.providers.map((p) => [p.name, {}]));
  let ready = opts.providers.length === 0;
  let firstTimer: NodeJS.Timeout | undefined;
  let runs: Array<Promise<void>> = [];

  function publish(): void {
    if (!ready || controller.signal.aborted) return;
    // snapshots are taken as given; providers must not mutate an emitted object
    const configs: DynamicConfig[] = [];
    const diagnostics: Diagnostic[] = [];
    for (const p of opts.providers) {
      const snap = states.get(p.name)?.accepted;
      if (!snap) continue;
      configs.push(qualifyConfig(snap.config, p.name));
      diagnostics.push(...snap.diagnostics);
    }
    try {
      opts.onConfig(mergeConfigs(configs), diagnostics);
    } catch (err) {
      logger.error('applying the configuration failed', { err });
    }
  }

  function markReadyIfComplete(): void {
    if (ready) return;
    if ([...states.values()].every((s) => s.accepted !== undefined)) becomeReady();
  }

  function becomeReady(): void {
    if (ready) return;
    ready = true;
    clearTimeout(firstTimer);
    publish();
  }

  function accept(name: string, state: ProviderState, snap: ProviderSnapshot): void {
    state.accepted = snap;
    state.timer = setTimeout(() => {
      state.timer = undefined;
      const next = state.pending;
      state.pending = undefined;
      if (next) accept(name, state, next);
    }, throttleMs);
    state.timer.unref?.();
    if (ready) publish();
    else markReadyIfComplete();
  }

  function emitFor(name: string) {
    return (snapshot: ProviderSnapshot): void => {
      const state = states.get(name);
      if (!state || controller.signal.aborted) return;
      const snap: ProviderSnapshot = { config: snapshot.config, diagnostics: snapshot.diagnostics ?? [] };
      const latest = state.pending ?? state.accepted;
      if (latest && deepEqual(latest, snap)) return;
      if (state.timer) state.pending = snap;
      else accept(name, state, snap);
    };
  }

  return {
    providers: opts.providers.map((p) => p.name),
    start() {
      if (runs.length > 0 || controller.signal.aborted) return;
      if (ready) queueMicrotask(publish);
      else {
        firstTimer = setTimeout(() => {
          const missing = [...states.entries()].filter(([, s]) => !s.accepted).map(([n]) => n);
          logger.warn('providers sent no first snapshot in time; applying without them', { missing });
          becomeReady();
        }, opts.firstSnapshotTimeoutMs ?? 10_000);
        firstTimer.unref?.();
      }
      runs = opts.providers.map((provider) =>
        runProvider({
          provider,
          emit: emitFor(provider.name),
          signal: controller.signal,
          logger,
          backoffInitialMs: opts.backoffInitialMs,
          backoffMaxMs: opts.backoffMaxMs,
        }),
      );
    },
    async close() {
      controller.abort();
      clearTimeout(firstTimer);
      for (const s of states.values()) clearTimeout(s.timer);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          logger.warn('providers did not stop in time after abort', { providers: opts.providers.map((p) => p.name) });
          resolve();
        }, opts.closeTimeoutMs ?? 5000);
      });
      await Promise.race([Promise.allSettled(runs), timeout]);
      clearTimeout(timer);
    },
  };
}
