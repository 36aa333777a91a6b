import { setMaxListeners } from 'node:events';

/**
 * In-flight accounting of one generation and its retirement: after a swap the old generation's
 * signal is aborted once its in-flight requests are done, or after a grace timeout.
 */
export class GenerationLifecycle {
  readonly #controller = GenerationLifecycle.#newController();
  #inFlight = 0;
  #retiring = false;
  #timer: NodeJS.Timeout | undefined;

  /** every service and health checker of the generation listens to its signal: not a leak */
  static #newController(): AbortController {
    const controller = new AbortController();
    setMaxListeners(0, controller.signal);
    return controller;
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  enter(): void {
    this.#inFlight += 1;
  }

  readonly leave = (): void => {
    this.#inFlight = Math.max(0, this.#inFlight - 1);
    if (this.#retiring && this.#inFlight === 0) this.abort();
  };

  /** abort when in-flight drops to 0, or after `graceMs` at the latest */
  retire(graceMs: number): void {
    if (this.#retiring) return;
    this.#retiring = true;
    if (this.#inFlight === 0) return this.abort();
    this.#timer = setTimeout(() => this.abort(), graceMs);
    this.#timer.unref?.();
  }

  abort(): void {
    clearTimeout(this.#timer);
    if (!this.#controller.signal.aborted) this.#controller.abort();
  }
}
