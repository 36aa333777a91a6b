import { Etcd3 } from 'etcd3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderSnapshot } from '@wharf/config';
import { run } from '../testing/collect.js';
import { freePort } from '@wharf/test-daemons';
import { ETCD, startEtcd } from '../testing/stores.js';
import { createEtcdProvider, getEtcdTree, putEtcdTree } from './etcd-provider.js';

const routers = (s: ProviderSnapshot) => s.config.http.routers;

describe.skipIf(!ETCD)('etcd provider against a real etcd', () => {
  let store: Awaited<ReturnType<typeof startEtcd>>;
  let client: Etcd3;
  let endpoint: string;
  beforeAll(async () => {
    store = await startEtcd();
    endpoint = `127.0.0.1:${store.port}`;
    client = new Etcd3({ hosts: `http://${endpoint}` });
  }, 30_000);
  afterAll(async () => {
    client?.close();
    await store?.cleanup();
  });

  it('lists the tree at start, then follows puts, changes and deletes; deleting every key empties the config', async () => {
    await client.delete().prefix('live/');
    await client.put('live/http/routers/a/rule').value('Path(`/a`)');
    await client.put('live/http/routers/a/entrypoints/0').value('web');
    const provider = run(createEtcdProvider({ endpoints: [endpoint], rootKey: 'live' }));
    const first = await provider.until((s) => routers(s).a !== undefined);
    expect(first.config.http.routers.a).toEqual({ rule: 'Path(`/a`)', entryPoints: ['web'] });
    expect(first.diagnostics).toEqual([]);

    await client.put('live/http/routers/b/rule').value('Path(`/b`)');
    await provider.until((s) => routers(s).b?.rule === 'Path(`/b`)');
    await client.put('live/http/routers/a/rule').value('Path(`/a2`)');
    await provider.until((s) => routers(s).a?.rule === 'Path(`/a2`)');
    await client.delete().key('live/http/routers/b/rule');
    const afterDelete = await provider.until((s) => routers(s).b === undefined);
    expect(Object.keys(routers(afterDelete))).toEqual(['a']);

    await client.delete().prefix('live/');
    const empty = await provider.until((s) => Object.keys(routers(s)).length === 0);
    expect(empty.config).toEqual({ http: { routers: {}, services: {}, middlewares: {} } });
    expect(await provider.stop()).toBe('returned');
  });

  it('bad keys become diagnostics naming the key; the rest keeps serving', async () => {
    await client.delete().prefix('bad/');
    await client.put('bad/http/routers/ok/rule').value('Path(`/`)');
    await client.put('bad/http/routers/typo/rule').value('Path(`/t`)');
    await client.put('bad/http/routers/typo/entrypoint/0').value('web');
    await client.put('bad/htp/routers/x/rule').value('x');
    const provider = run(createEtcdProvider({ endpoints: [endpoint], rootKey: 'bad' }));
    const s = await provider.until((x) => routers(x).ok !== undefined);
    expect(Object.keys(routers(s))).toEqual(['ok']);
    expect(s.diagnostics.map((d) => [d.provider, d.code, d.key])).toEqual([
      ['etcd', 'WHARF_CONFIG_UNKNOWN_KEY', 'bad/htp'],
      ['etcd', 'WHARF_CONFIG_UNKNOWN_KEY', 'bad/http/routers/typo/entrypoint/0'],
    ]);
    expect(s.diagnostics[1]!.suggestion).toBe('entryPoints');
    await provider.stop();
  });

  it('kv put replaces the tree under the root key (outside keys untouched); kv get reads it back', async () => {
    await client.put('rt/http/routers/stale/rule').value('Path(`/old`)');
    await client.put('rtx/keep').value('other app');
    const config = {
      http: {
        routers: Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`r${i}`, { rule: `Path(\`/${i}\`)`, service: 's', entryPoints: ['web'] }])),
        services: { s: { loadBalancer: { servers: [{ url: 'http://127.0.0.1:8080' }] } } },
        middlewares: { gz: { compress: {} } },
      },
    };
    const put = await putEtcdTree({ endpoints: [endpoint], rootKey: 'rt' }, config);
    expect(put).toMatchObject({ keys: 452, written: 452, deleted: 1, issues: [] });
    const again = await putEtcdTree({ endpoints: [endpoint], rootKey: 'rt' }, config);
    expect(again).toMatchObject({ written: 0, deleted: 0 });
    const got = await getEtcdTree({ endpoints: [endpoint], rootKey: 'rt' });
    expect(got.diagnostics).toEqual([]);
    expect(got.config).toEqual(config);
    expect((await client.get('rtx/keep').string())).toBe('other app');
  });

  it('the store going away makes start throw WHARF_KV_UNAVAILABLE; a fresh start resyncs', async () => {
    await client.delete().prefix('gone/');
    await client.put('gone/http/routers/a/rule').value('Path(`/a`)');
    const provider = run(createEtcdProvider({ endpoints: [endpoint], rootKey: 'gone' }));
    await provider.until((s) => routers(s).a !== undefined);
    await store.stop();
    const outcome = await provider.done;
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error & { code: string }).code).toBe('WHARF_KV_UNAVAILABLE');
    expect((outcome as Error).message).toContain(endpoint);
    await store.start();
    client.close();
    client = new Etcd3({ hosts: `http://${endpoint}` });
    await client.delete().key('gone/http/routers/a/rule');
    await client.put('gone/http/routers/b/rule').value('Path(`/b`)');
    const again = run(createEtcdProvider({ endpoints: [endpoint], rootKey: 'gone' }));
    const s = await again.until((x) => routers(x).b !== undefined);
    expect(Object.keys(routers(s))).toEqual(['b']);
    await again.stop();
  }, 30_000);

  it('an unreachable store fails the start quickly with a coded error', async () => {
    const dead = await freePort();
    const started = Date.now();
    const outcome = await run(createEtcdProvider({ endpoints: [`127.0.0.1:${dead}`] })).done;
    expect((outcome as Error & { code?: string }).code).toBe('WHARF_KV_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 20_000);
});
