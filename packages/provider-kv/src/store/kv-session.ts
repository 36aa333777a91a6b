import type { Diagnostic } from '@wharf/config';
import type { KvPair } from '../codec/kv-pair.js';

/**
 * One connection to a KV store, as the shared provider loop and `wharf kv` see it. Each store
 * room (etcd/, redis/) implements it over its client; SDK types never leave the room.
 */
export interface KvSession {
  /** `etcd 127.0.0.1:2379`, for messages and diagnostics */
  readonly label: string;
  /** every pair whose key starts with the root key */
  list(): Promise<KvPair[]>;
  /** starts change notices under the root key (any put, delete or expiry); resolves once they flow */
  watch(onChange: () => void): Promise<void>;
  /** rejects (with WHARF_KV_UNAVAILABLE) when the store goes away; never resolves */
  readonly lost: Promise<never>;
  /** what the session itself wants to tell (e.g. Redis: notifications refused, polling) */
  diagnostics(): Diagnostic[];
  /** puts then deletes, in as few round trips as the store allows */
  write(put: readonly KvPair[], remove: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export type OpenKvSession = () => Promise<KvSession>;
