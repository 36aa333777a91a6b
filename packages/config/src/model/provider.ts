import type { DynamicConfig } from './dynamic.js';
import type { Diagnostic } from './diagnostic.js';

/** What a provider emits: always the full state for its own name, never a delta. */
export interface ProviderSnapshot {
  config: DynamicConfig;
  diagnostics: Diagnostic[];
}

export type EmitSnapshot = (snapshot: ProviderSnapshot) => void;

/**
 * A source of dynamic configuration (docker, file, dns, etcd, redis, swarm). `start` connects to
 * its source, emits a full snapshot, then one per change, until the signal aborts (then it
 * resolves). When its source goes away it returns or throws (with a coded error naming the
 * source): the provider runner owns reconnection (backoff, "retrying since" state) and the
 * aggregator keeps the last good snapshot meanwhile. A provider never keeps a retry loop of its
 * own, and bad data is a diagnostic in the snapshot, never a throw.
 */
export interface Provider {
  readonly name: string;
  start(emit: EmitSnapshot, signal: AbortSignal): Promise<void>;
}
