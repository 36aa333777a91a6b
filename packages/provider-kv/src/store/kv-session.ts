import type { Diagnostic } from '@wharf/config';
import type { KvPair } from '../codec/kv-pair.js';

/** One change under the root key, as a watch delivers it (a Redis expiry or eviction is a delete). */
export type KvChange = { kind: 'put'; key: string; value: string } | { kind: 'delete'; key: string };

/** Where a session's watch delivers what it sees. */
export interface KvWatchSink {
  /** changes in the store's order */
  changes(batch: readonly KvChange[]): void;
  /** the session can no longer vouch for the changes since the last listing (a watch gap, compaction, a periodic check): list again */
  resync(reason: string): void;
}

/**
 * One connection to a KV store, as the shared provider loop and `wharf kv` see it. Each store
 * room (etcd/, redis/) implements it over its client; SDK types never leave the room.
 */
export interface KvSession {
  /** `etcd 127.0.0.1:2379`, for messages and diagnostics */
  readonly label: string;
  /** every pair whose key starts with the root key */
  list(): Promise<KvPair[]>;
  /** starts delivering changes under the root key (any put, delete or expiry); resolves once they flow */
  watch(sink: KvWatchSink): Promise<void>;
  /** rejects (with WHARF_KV_UNAVAILABLE) when the store goes away; never resolves */
  readonly lost: Promise<never>;
  /** what the session itself wants to tell (e.g. Redis: notifications refused, polling) */
  diagnostics(): Diagnostic[];
  /** puts then deletes, in as few round trips as the store allows */
  write(put: readonly KvPair[], remove: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export type OpenKvSession = () => Promise<KvSession>;
