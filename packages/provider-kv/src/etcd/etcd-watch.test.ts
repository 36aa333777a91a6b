import { Etcd3 } from 'etcd3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KvChange } from '../store/kv-session.js';
import { ETCD, startEtcd } from '../testing/stores.js';
import { watchEtcdPrefix } from './etcd-watch.js';

describe.skipIf(!ETCD)('watchEtcdPrefix against a real etcd', () => {
  let store: Awaited<ReturnType<typeof startEtcd>>;
  let client: Etcd3;
  beforeAll(async () => {
    store = await startEtcd();
    client = new Etcd3({ hosts: `http://127.0.0.1:${store.port}` });
  }, 30_000);
  afterAll(async () => {
    client?.close();
    await store?.cleanup();
  });

  it('delivers puts with their values and deletes, in revision order', async () => {
    const changes: KvChange[] = [];
    const watch = await watchEtcdPrefix(client, 'w/', { changes: (b) => changes.push(...b), resync: () => undefined }, { onFailure: () => undefined });
    await client.put('w/a').value('1');
    await client.put('wx/other').value('not ours');
    await client.put('w/a').value('2');
    await client.delete().key('w/a');
    await expect.poll(() => changes.length).toBe(3);
    expect(changes).toEqual([{ kind: 'put', key: 'w/a', value: '1' }, { kind: 'put', key: 'w/a', value: '2' }, { kind: 'delete', key: 'w/a' }]);
    await watch.cancel();
  });

  it('a watch from a compacted revision is cancelled by etcd: it starts again from now and asks for a listing', async () => {
    await client.put('c/a').value('1');
    const { header } = await client.put('c/a').value('2');
    await client.kv.compact({ revision: header.revision, physical: true });
    const changes: KvChange[] = [];
    const resyncs: string[] = [];
    const failures: unknown[] = [];
    const sink = { changes: (b: readonly KvChange[]) => changes.push(...b), resync: (reason: string) => resyncs.push(reason) };
    const watch = await watchEtcdPrefix(client, 'c/', sink, { fromRevision: '2', onFailure: (err) => failures.push(err) });
    await expect.poll(() => resyncs.length).toBe(1);
    expect(resyncs[0]).toMatch(/cancelled the watch/);
    expect(changes).toEqual([]); // nothing from before the compaction: only the listing can tell
    await client.put('c/b').value('after');
    await expect.poll(() => changes).toEqual([{ kind: 'put', key: 'c/b', value: 'after' }]);
    expect(failures).toEqual([]);
    await watch.cancel();
  });
});
