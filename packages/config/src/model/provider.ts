import type { DynamicConfig } from './dynamic.js';
import type { Diagnostic } from './diagnostic.js';

/** What a provider emits: always the full state for its own name, never a delta. */
export interface ProviderSnapshot {
  config: DynamicConfig;
  diagnostics: Diagnostic[];
}

export type EmitSnapshot = (snapshot: ProviderSnapshot) => void;

/**
 * A source of dynamic configuration (docker, file, later dns/kv/swarm). `start` resolves when the
 * provider stops (signal aborted) and must survive source errors on its own (retry with backoff,
 * emit nothing meanwhile: the aggregator keeps the last good snapshot).
 */
export interface Provider {
  readonly name: string;
  start(emit: EmitSnapshot, signal: AbortSignal): Promise<void>;
}
