import type { Redis } from 'ioredis';
import type { KvChange, KvWatchSink } from '../store/kv-session.js';

/** Keys read back per MGET. */
const READ_CHUNK = 1000;
/** Bound on keys waiting to be read: beyond it the watch gives them up and asks for a listing. */
const MAX_PENDING_KEYS = 100_000;

export interface KeyspaceWatch {
  /** a keyspace notification named this key (set, del, expired, evicted, rename, …) */
  notice(key: string): void;
  stop(): void;
}

/**
 * Keyspace notifications name a key, not its value: the keys noticed in one turn of the event
 * loop are read back with MGET (on the command connection, after the notification, so the value
 * read is never older than the write that was notified) and delivered as puts, or deletes for
 * keys gone (or no longer strings). Reads are pipelined in notice order, so the last read of a
 * key is the newest. A failed read is a lost session (`onFailure`).
 */
export function createKeyspaceWatch(client: Redis, sink: KvWatchSink, onFailure: (err: unknown) => void): KeyspaceWatch {
  let pending = new Set<string>();
  let scheduled: NodeJS.Immediate | undefined;
  let stopped = false;
  const flush = (): void => {
    scheduled = undefined;
    const keys = [...pending];
    pending = new Set();
    for (let i = 0; i < keys.length; i += READ_CHUNK) {
      const chunk = keys.slice(i, i + READ_CHUNK);
      client.mget(...chunk).then((values) => {
        if (stopped) return;
        sink.changes(chunk.map((key, j): KvChange => (values[j] === null || values[j] === undefined ? { kind: 'delete', key } : { kind: 'put', key, value: values[j]! })));
      }, onFailure);
    }
  };
  return {
    notice(key) {
      if (stopped) return;
      if (pending.size >= MAX_PENDING_KEYS) {
        pending.clear();
        sink.resync(`over ${MAX_PENDING_KEYS} changed keys waiting to be read`);
        return;
      }
      pending.add(key);
      scheduled ??= setImmediate(flush);
    },
    stop() {
      stopped = true;
      if (scheduled) clearImmediate(scheduled);
    },
  };
}
