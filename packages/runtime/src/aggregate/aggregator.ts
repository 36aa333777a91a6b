import { silentLogger, type Diagnostic, type DynamicConfig, type Logger, type Provider, type ProviderSnapshot, type ProviderState } from '@wharf/config';
import { deepEqual } from './deep-equal.js';
import { mergeConfigs } from './merge.js';
import { runProvider, type ProviderBackoff } from './provider-runner.js';
import { ProviderStateCell } from './provider-state.js';
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
  /** every provider state change (connected, retrying, …); never throws out */
  onProviderState?(state: ProviderState): void;
  logger?: Logger;
  /** restart delays of a provider whose source went away (defaults 1 s doubling to 30 s) */
  backoff?: Partial<ProviderBackoff>;
  /** how long close() waits for providers to return after the abort (default 5000) */
  closeTimeoutMs?: number;
}

export interface Aggregator {
  start(): void;
  /** stops every provider (aborts their signal) and pending timers; waits for them at most `closeTimeoutMs` */
  close(): Promise<void>;
  /** provider names */
  readonly providers: string[];
  /** every provider's runner state, in precedence order */
  providerStates(): ProviderState[];
}

interface ProviderSlot {
  accepted?: ProviderSnapshot;
  pending?: ProviderSnapshot;
  timer?: NodeJS.Timeout;
  state: ProviderStateCell;
}

/** Providers → throttled, qualified, merged snapshots (Traefik's ConfigurationWatcher). */
class ConfigAggregator implements Aggregator {
  readonly providers: string[];
  readonly #opts: AggregatorOptions;
  readonly #logger: Logger;
  readonly #controller = new AbortController();
  readonly #slots: Map<string, ProviderSlot>;
  #ready: boolean;
  #firstTimer: NodeJS.Timeout | undefined;
  #runs: Array<Promise<void>> = [];

  constructor(opts: AggregatorOptions) {
    this.#opts = opts;
    this.#logger = opts.logger ?? silentLogger;
    this.providers = opts.providers.map((p) => p.name);
    const onState = (state: ProviderState): void => {
      try {
        opts.onProviderState?.(state);
      } catch (err) {
        this.#logger.warn('provider state listener failed', { provider: state.name, err });
      }
    };
    this.#slots = new Map(opts.providers.map((p) => [p.name, { state: new ProviderStateCell(p.name, onState) }]));
    this.#ready = opts.providers.length === 0;
  }

  start(): void {
    if (this.#runs.length > 0 || this.#controller.signal.aborted) return;
    if (this.#ready) queueMicrotask(() => this.#publish());
    else {
      this.#firstTimer = setTimeout(() => {
        const missing = [...this.#slots.entries()].filter(([, s]) => !s.accepted).map(([n]) => n);
        this.#logger.warn('providers sent no first snapshot in time; applying without them', { missing });
        this.#becomeReady();
      }, this.#opts.firstSnapshotTimeoutMs ?? 10_000);
      this.#firstTimer.unref?.();
    }
    this.#runs = this.#opts.providers.map((provider) => runProvider({
      provider, emit: this.#emitFor(provider.name), signal: this.#controller.signal, logger: this.#logger,
      state: this.#slots.get(provider.name)!.state, backoff: this.#opts.backoff,
    }));
  }

  providerStates(): ProviderState[] {
    return [...this.#slots.values()].map((s) => s.state.get());
  }

  async close(): Promise<void> {
    this.#controller.abort();
    clearTimeout(this.#firstTimer);
    for (const s of this.#slots.values()) clearTimeout(s.timer);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.#logger.warn('providers did not stop in time after abort', { providers: this.providers });
        resolve();
      }, this.#opts.closeTimeoutMs ?? 5000);
    });
    await Promise.race([Promise.allSettled(this.#runs), timeout]);
    clearTimeout(timer);
  }

  #publish(): void {
    if (!this.#ready || this.#controller.signal.aborted) return;
    // snapshots are taken as given; providers must not mutate an emitted object
    const configs: DynamicConfig[] = [];
    const diagnostics: Diagnostic[] = [];
    for (const p of this.#opts.providers) {
      const snap = this.#slots.get(p.name)?.accepted;
      if (!snap) continue;
      try {
        configs.push(qualifyConfig(snap.config, p.name));
        diagnostics.push(...snap.diagnostics);
      } catch (err) {
        this.#logger.error('provider snapshot is malformed; ignoring it', { provider: p.name, err });
      }
    }
    try {
      this.#opts.onConfig(mergeConfigs(configs), diagnostics);
    } catch (err) {
      this.#logger.error('applying the configuration failed', { err });
    }
  }

  #becomeReady(): void {
    if (this.#ready) return;
    this.#ready = true;
    clearTimeout(this.#firstTimer);
    this.#publish();
  }

  #accept(state: ProviderSlot, snap: ProviderSnapshot): void {
    state.accepted = snap;
    state.timer = setTimeout(() => {
      state.timer = undefined;
      const next = state.pending;
      state.pending = undefined;
      if (next) this.#accept(state, next);
    }, this.#opts.throttleMs ?? 2000);
    state.timer.unref?.();
    if (this.#ready) this.#publish();
    else if ([...this.#slots.values()].every((s) => s.accepted !== undefined)) this.#becomeReady();
  }

  #emitFor(name: string) {
    return (snapshot: ProviderSnapshot): void => {
      const state = this.#slots.get(name);
      if (!state || this.#controller.signal.aborted) return;
      const snap: ProviderSnapshot = { config: snapshot?.config, diagnostics: Array.isArray(snapshot?.diagnostics) ? snapshot.diagnostics : [] };
      const latest = state.pending ?? state.accepted;
      if (latest && deepEqual(latest, snap)) {
        this.#logger.debug('configuration received, unchanged: skipped', { provider: name });
        return;
      }
      this.#logger.debug('configuration received', { provider: name, ...countElements(snap) });
      if (state.timer) state.pending = snap;
      else this.#accept(state, snap);
    };
  }
}

/** Starts nothing until `start()`; never throws out of provider callbacks. */
export function createAggregator(opts: AggregatorOptions): Aggregator {
  return new ConfigAggregator(opts);
}

/** Element counts of a snapshot, for the debug log. */
function countElements(snap: ProviderSnapshot): Record<string, number> {
  const http = snap.config?.http;
  const size = (rec: object | undefined) => (rec && typeof rec === 'object' ? Object.keys(rec).length : 0);
  return {
    routers: size(http?.routers),
    services: size(http?.services),
    middlewares: size(http?.middlewares),
    tcpRouters: size(snap.config?.tcp?.routers),
    udpRouters: size(snap.config?.udp?.routers),
    diagnostics: snap.diagnostics.length,
  };
}
