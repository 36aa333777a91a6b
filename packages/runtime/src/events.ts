import type { Logger, RuntimeEvent } from '@wharf/config';

/** A tiny listener set: a failing listener is logged and never stops the others. */
export class EventHub {
  readonly #listeners = new Set<(event: RuntimeEvent) => void>();
  constructor(private readonly logger: Logger) {}

  subscribe(listener: (event: RuntimeEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: RuntimeEvent): void {
    for (const l of this.#listeners) {
      try {
        l(event);
      } catch (err) {
        this.logger.warn('runtime event listener failed', { err, event: event.type });
      }
    }
  }
}
