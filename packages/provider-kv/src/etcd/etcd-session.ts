import { rootPrefix, type KvPair } from '../codec/kv-pair.js';
import { KvWriteError, unavailable } from '../errors.js';
import type { KvSession, KvWatchSink } from '../store/kv-session.js';
import { createEtcdClient } from './etcd-client.js';
import { watchEtcdPrefix, type EtcdWatch } from './etcd-watch.js';
import type { EtcdProviderOptions } from './options.js';

/** etcd's defaults: `--max-txn-ops` 128, `--max-request-bytes` 1.5 MiB. */
const MAX_TXN_OPS = 128;
const MAX_TXN_BYTES = 1024 * 1024;
const WRITE_CONCURRENCY = 8;

/**
 * A session on etcd (v3 API, `etcd3`): a prefix range read lists the tree; a prefix watch,
 * started at the revision after a probe read, delivers every put and delete after it with its
 * value (`watchEtcdPrefix`). The watcher's own reconnection is not used: its first
 * `disconnected` ends the session.
 */
export async function openEtcdSession(options: EtcdProviderOptions): Promise<KvSession> {
  const { client, label } = await createEtcdClient(options);
  // `traefik/`, not `traefik`: another tree such as `traefik-old/…` is not ours to read
  const prefix = rootPrefix(options.rootKey);
  let watch: EtcdWatch | undefined;
  let lose: (err: unknown) => void = () => undefined;
  const lost = new Promise<never>((_, reject) => {
    lose = reject;
  });
  lost.catch(() => undefined);
  const fail = (err: unknown) => {
    const coded = unavailable(label, err);
    lose(coded);
    return coded;
  };
  return {
    label,
    lost,
    async list(): Promise<KvPair[]> {
      const res = await client.getAll().prefix(prefix).exec().catch((err: unknown) => Promise.reject(fail(err)));
      return res.kvs.map((kv) => ({ key: kv.key.toString(), value: kv.value.toString() }));
    },
    async watch(sink: KvWatchSink): Promise<void> {
      watch = await watchEtcdPrefix(client, prefix, sink, { onFailure: fail }).catch((err: unknown) => Promise.reject(fail(err)));
    },
    diagnostics: () => [],
    async write(put: readonly KvPair[], remove: readonly string[]): Promise<void> {
      const commit = async (batch: Op[]): Promise<void> => {
        const ops = batch.map((op) => (op.kind === 'put' ? client.put(op.key).value(op.value) : client.delete().key(op.key)));
        // an always-true compare (a key's version is never negative) makes one unconditional transaction
        await client.if(prefix, 'Version', '>', -1).then(...ops).commit();
      };
      try {
        // every put lands before any delete, so a watcher never sees a key vanish early
        await inParallel(batches(put.map((p) => ({ kind: 'put' as const, ...p }))), commit);
        await inParallel(batches(remove.map((key) => ({ kind: 'delete' as const, key }))), commit);
      } catch (err) {
        throw KvWriteError(label, (err as Error).message);
      }
    },
    async close(): Promise<void> {
      await watch?.cancel();
      client.close();
    },
  };
}

type Op = { kind: 'put'; key: string; value: string } | { kind: 'delete'; key: string };

/** Transactions within etcd's default operation and size limits. */
function batches(ops: readonly Op[]): Op[][] {
  const out: Op[][] = [];
  let current: Op[] = [];
  let bytes = 0;
  for (const op of ops) {
    const size = Buffer.byteLength(op.key) + (op.kind === 'put' ? Buffer.byteLength(op.value) : 0) + 16;
    if (current.length > 0 && (current.length >= MAX_TXN_OPS || bytes + size > MAX_TXN_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(op);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Runs `task` over `items`, `WRITE_CONCURRENCY` at a time (transactions share one HTTP/2 connection). */
async function inParallel<T>(items: readonly T[], task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(WRITE_CONCURRENCY, items.length) }, worker));
}
