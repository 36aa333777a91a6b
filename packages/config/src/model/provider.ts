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

/**
 * What the provider runner knows of one provider (served by the API and the dashboard's
 * providers view). `starting`: first start, nothing emitted yet; `connected`: emitted since its
 * last (re)start; `retrying`: its source went away (the aggregator keeps its last snapshot) and
 * the runner starts it again with backoff; `stopped`: wharf is shutting down.
 */
export type ProviderStateName = 'starting' | 'connected' | 'retrying' | 'stopped';

export interface ProviderState {
  name: string;
  state: ProviderStateName;
  /** ISO time the current state began (for `retrying`: when the source was lost) */
  since: string;
  /** ISO time of the provider's last emitted snapshot */
  lastSnapshotAt?: string;
  /** the last failure (kept after a reconnect); `code` is the provider's coded error, e.g. `WHARF_DOCKER_UNAVAILABLE` */
  lastError?: { message: string; code: string; at: string };
  /** restarts since wharf started */
  restarts: number;
  /** while `retrying`: ISO time of the next start */
  nextRetryAt?: string;
  /** what its last snapshot held (kept while `retrying`: the aggregator still serves it) */
  elements?: ProviderElementCounts;
}

/** Element counts of one snapshot, per protocol, plus its diagnostics. */
export interface ProviderElementCounts {
  http: { routers: number; services: number; middlewares: number };
  tcp: { routers: number; services: number; middlewares: number };
  udp: { routers: number; services: number };
  diagnostics: number;
}

const size = (rec: unknown): number => (rec !== null && typeof rec === 'object' ? Object.keys(rec).length : 0);

/** Counts a snapshot's elements; tolerant of a malformed snapshot (counts what it can). */
export function countSnapshot(snapshot: ProviderSnapshot | undefined): ProviderElementCounts {
  const c = (snapshot?.config ?? {}) as { http?: Record<string, unknown>; tcp?: Record<string, unknown>; udp?: Record<string, unknown> };
  return {
    http: { routers: size(c.http?.['routers']), services: size(c.http?.['services']), middlewares: size(c.http?.['middlewares']) },
    tcp: { routers: size(c.tcp?.['routers']), services: size(c.tcp?.['services']), middlewares: size(c.tcp?.['middlewares']) },
    udp: { routers: size(c.udp?.['routers']), services: size(c.udp?.['services']) },
    diagnostics: Array.isArray(snapshot?.diagnostics) ? snapshot.diagnostics.length : 0,
  };
}
