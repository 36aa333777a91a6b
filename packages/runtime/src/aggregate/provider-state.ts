import { countSnapshot, type ProviderSnapshot, type ProviderState } from '@wharf/config';

export type ProviderFailure = NonNullable<ProviderState['lastError']>;

/**
 * One provider's state as its runner sees it (the `ProviderState` of `@wharf/config`). Every
 * change is published as a fresh frozen object, so readers never see a half-made transition.
 */
export class ProviderStateCell {
  #state: Readonly<ProviderState>;
  readonly #onChange: (state: ProviderState) => void;
  readonly #now: () => Date;

  constructor(name: string, onChange: (state: ProviderState) => void = () => {}, now: () => Date = () => new Date()) {
    this.#onChange = onChange;
    this.#now = now;
    this.#state = Object.freeze({ name, state: 'starting', since: now().toISOString(), restarts: 0 });
  }

  get(): ProviderState {
    return this.#state;
  }

  /** the provider emitted a snapshot: connected (since now, unless already) */
  emitted(snapshot?: ProviderSnapshot): void {
    const at = this.#now().toISOString();
    const { nextRetryAt: _retry, ...rest } = this.#state;
    const connected = this.#state.state === 'connected';
    const elements = Object.freeze(countSnapshot(snapshot));
    this.#set({ ...rest, state: 'connected', since: connected ? this.#state.since : at, lastSnapshotAt: at, elements });
  }

  /** its source went away: retrying (since the loss, kept over failed restarts) */
  failed(error: Omit<ProviderFailure, 'at'>, retryInMs: number): void {
    const now = this.#now();
    const since = this.#state.state === 'retrying' ? this.#state.since : now.toISOString();
    this.#set({
      ...this.#state, state: 'retrying', since, lastError: Object.freeze({ ...error, at: now.toISOString() }),
      nextRetryAt: new Date(now.getTime() + retryInMs).toISOString(),
    });
  }

  /** the runner starts it again (the state stays `retrying` until it emits) */
  restarted(): void {
    const { nextRetryAt: _retry, ...rest } = this.#state;
    this.#set({ ...rest, restarts: this.#state.restarts + 1 });
  }

  stopped(): void {
    if (this.#state.state === 'stopped') return;
    const { nextRetryAt: _retry, ...rest } = this.#state;
    this.#set({ ...rest, state: 'stopped', since: this.#now().toISOString() });
  }

  #set(next: ProviderState): void {
    this.#state = Object.freeze(next);
    this.#onChange(this.#state);
  }
}
