import type { Etcd3, IWatchResponse, Watcher } from 'etcd3';
import type { KvChange, KvWatchSink } from '../store/kv-session.js';
import { ETCD_CALL_TIMEOUT_MS } from './etcd-client.js';

export interface EtcdWatch {
  cancel(): Promise<void>;
}

export interface EtcdWatchOptions {
  /** first revision to deliver; default: the one after the store's current revision */
  fromRevision?: string;
  /** the watch stream broke (the session is lost) */
  onFailure(err: unknown): void;
}

/**
 * A prefix watch whose events become `KvChange`s in revision order (etcd delivers a gap-free
 * run of revisions). When etcd cancels the watch (its start revision was compacted away, or any
 * other server-side cancel) the changes since then are unknown: a new watch starts from the
 * current revision and the sink is asked to list again. A broken stream is a failure: the
 * session ends and the provider restarts (etcd3's own reconnection is not used).
 */
export async function watchEtcdPrefix(client: Etcd3, prefix: string, sink: KvWatchSink, options: EtcdWatchOptions): Promise<EtcdWatch> {
  let current: Watcher | undefined;
  let cancelled = false;
  const open = async (fromRevision: string | undefined): Promise<void> => {
    const start = fromRevision ?? (await nextRevision(client, prefix));
    const watcher = await withTimeout(client.watch().prefix(prefix).startRevision(start).create(), ETCD_CALL_TIMEOUT_MS, 'the watch was not acknowledged');
    current = watcher;
    watcher.on('data', (res: IWatchResponse) => {
      if (res.events.length > 0) sink.changes(res.events.map(toChange)); // progress notifications carry no event
    });
    watcher.on('disconnected', (err: unknown) => options.onFailure(err));
    watcher.on('error', (err: unknown) => {
      if (cancelled || watcher !== current) return;
      // a server-side cancel (compaction): start over from now, then list again
      current = undefined;
      open(undefined).then(() => sink.resync(`etcd cancelled the watch: ${(err as Error).message}`), options.onFailure);
    });
  };
  await open(options.fromRevision);
  return {
    async cancel() {
      cancelled = true;
      await current?.cancel().catch(() => undefined);
    },
  };
}

async function nextRevision(client: Etcd3, prefix: string): Promise<string> {
  const probe = await client.getAll().prefix(prefix).limit(1).exec();
  return (BigInt(probe.header.revision) + 1n).toString();
}

function toChange(event: IWatchResponse['events'][number]): KvChange {
  const key = event.kv.key.toString();
  return event.type === 'Put' ? { kind: 'put', key, value: event.kv.value.toString() } : { kind: 'delete', key };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
