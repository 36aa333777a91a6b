import { Etcd3 } from 'etcd3';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderSnapshot } from '@wharf/config';
import type { KvPair } from './codec/kv-pair.js';
import { createEtcdProvider, getEtcdTree } from './etcd/etcd-provider.js';
import { openEtcdSession } from './etcd/etcd-session.js';
import { resolveEtcdOptions } from './etcd/options.js';
import { resolveRedisOptions } from './redis/options.js';
import { createRedisProvider, getRedisTree } from './redis/redis-provider.js';
import { openRedisSession } from './redis/redis-session.js';
import { KvMirror } from './store/kv-mirror.js';
import type { KvSession } from './store/kv-session.js';
import { runRestarting, type Restarting } from './testing/collect.js';
import { pick, seeded } from './testing/seeded.js';
import { ETCD, REDIS, startEtcd, startRedis } from './testing/stores.js';

/** Fields of a few elements, hostile ones included (a name with `@`, `__proto__`, a bad value, an over-long key). */
const FIELDS = ['rule', 'Rule', 'service', 'priority', 'entrypoints/0', 'entrypoints/1', 'tls/certresolver'];
const ELEMENTS = ['http/routers/a', 'http/routers/b', 'http/routers/x@y', 'http/routers/__proto__', 'tcp/routers/t', 'htp/routers/h'];
const OTHER = ['http/services/s/loadbalancer/servers/0/url', 'http/services/s/loadbalancer/servers/1/url', 'http/middlewares/m/stripprefix/prefixes/0', `http/routers/long/${'k'.repeat(5000)}`];
const VALUES = ['Path(`/a`)', 'web', 'web,websecure', 'true', '', 'high', '10', 's', 'http://127.0.0.1:1'];
const PREFIXES = ['http/routers/a/', 'http/routers/', 'http/', 'tcp/'];

interface Store {
  put(key: string, value: string): Promise<void>;
  del(key: string): Promise<void>;
  delPrefix(prefix: string): Promise<void>;
  /** a store-specific operation (etcd: compaction, Redis: expiry or rename) */
  special(rand: () => number, root: string): Promise<void>;
  /** the provider's connections drop (etcd: a restart, Redis: the subscriber killed) */
  reconnect(): Promise<void>;
  fresh(root: string): Promise<ProviderSnapshot>;
  open(root: string): Promise<KvSession>;
}

/** The provider loop's copy, rebuilt here from a session of our own: changes applied, a listing on start, resync and reconnect. */
function follow(open: () => Promise<KvSession>) {
  const mirror = new KvMirror();
  let session: KvSession | undefined;
  let stopped = false;
  const relist = async (s: KvSession) => {
    mirror.beginListing();
    mirror.endListing(await s.list());
  };
  const loop = async () => {
    while (!stopped) {
      try {
        const s = (session = await open());
        await s.watch({ changes: (batch) => mirror.apply(batch), resync: () => void relist(s).catch(() => undefined) });
        await relist(s);
        await s.lost;
      } catch {
        await session?.close();
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  const done = loop();
  return { mirror, stop: async () => { stopped = true; await session?.close(); void done; } };
}

const byKey = (pairs: KvPair[]) => [...pairs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
const sortedDiagnostics = (s: ProviderSnapshot) => s.diagnostics.map((d) => JSON.stringify(d)).sort();

async function eventually(check: () => Promise<void>, what: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`${what}: ${(err as Error).message}`, { cause: err });
      await new Promise((r) => setTimeout(r, 40));
    }
  }
}

/** Random puts, deletes, prefix deletes and store-specific operations; every few steps the copy and the snapshot must equal a fresh listing. */
async function randomSequence(store: Store, seed: number, provider: (root: string) => Restarting): Promise<void> {
  const rand = seeded(seed);
  const root = `inc${seed}`;
  const running = provider(root);
  const copy = follow(() => store.open(root));
  try {
    for (let step = 0; step < 48; step++) {
      const r = rand();
      if (step === 12 || step === 30) await store.reconnect();
      else if (r < 0.55) await store.put(`${root}/${rand() < 0.85 ? `${pick(rand, ELEMENTS)}/${pick(rand, FIELDS)}` : pick(rand, OTHER)}`, pick(rand, VALUES));
      else if (r < 0.8) await store.del(`${root}/${pick(rand, ELEMENTS)}/${pick(rand, FIELDS)}`);
      else if (r < 0.88) await store.delPrefix(`${root}/${pick(rand, PREFIXES)}`);
      else await store.special(rand, root);
      if (step % 8 !== 7) continue;
      const where = `seed ${seed}, step ${step}`;
      await eventually(async () => {
        const fresh = await store.fresh(root);
        const listed = byKey((await (async () => { const s = await store.open(root); try { return await s.list(); } finally { await s.close(); } })()));
        expect(byKey(copy.mirror.pairs())).toEqual(listed);
        const last = running.snapshots.at(-1)!;
        expect(JSON.stringify(last.config)).toBe(JSON.stringify(fresh.config));
        expect(sortedDiagnostics(last)).toEqual(sortedDiagnostics(fresh));
      }, where);
    }
    expect(running.restarts()).toBeGreaterThanOrEqual(2); // both reconnects reached the provider
  } finally {
    await running.stop();
    await copy.stop();
  }
}

describe.skipIf(!ETCD)('incremental etcd provider: the copy equals a fresh listing', () => {
  let daemon: Awaited<ReturnType<typeof startEtcd>>;
  let client: Etcd3;
  let endpoints: string[];
  beforeAll(async () => {
    daemon = await startEtcd();
    endpoints = [`127.0.0.1:${daemon.port}`];
    client = new Etcd3({ hosts: `http://${endpoints[0]}` });
  }, 30_000);
  afterAll(async () => {
    client?.close();
    await daemon?.cleanup();
  });
  const store = (): Store => ({
    put: async (key, value) => void (await client.put(key).value(value)),
    del: async (key) => void (await client.delete().key(key)),
    delPrefix: async (prefix) => void (await client.delete().prefix(prefix)),
    async special() {
      const { header } = await client.getAll().prefix('inc').limit(1).exec();
      // compacting at the revision already compacted (nothing written since) is refused: nothing to do
      await client.kv.compact({ revision: header.revision, physical: true }).catch((err: Error) => { if (!/compacted/.test(err.message)) throw err; });
    },
    async reconnect() {
      await daemon.stop();
      await daemon.start();
    },
    fresh: (root) => getEtcdTree({ endpoints, rootKey: root }),
    open: (root) => openEtcdSession(resolveEtcdOptions({ endpoints, rootKey: root })),
  });
  for (const seed of [1, 2, 3]) {
    it(`random sequence, seed ${seed} (puts, deletes, prefix deletes, compactions, an etcd restart)`, async () => {
      await randomSequence(store(), seed, (root) => runRestarting(createEtcdProvider({ endpoints, rootKey: root }, { quietMs: 5, maxWaitMs: 50 })));
    }, 60_000);
  }
});

describe.skipIf(!REDIS)('incremental redis provider: the copy equals a fresh listing', () => {
  let daemon: Awaited<ReturnType<typeof startRedis>>;
  let redis: Redis;
  let endpoints: string[];
  beforeAll(async () => {
    daemon = await startRedis();
    endpoints = [`127.0.0.1:${daemon.port}`];
    redis = new Redis({ port: daemon.port, host: '127.0.0.1' }).on('error', () => undefined);
  }, 30_000);
  afterAll(async () => {
    redis?.disconnect();
    await daemon?.cleanup();
  });
  const store = (): Store => ({
    put: async (key, value) => void (await redis.set(key, value)),
    del: async (key) => void (await redis.del(key)),
    async delPrefix(prefix) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
    },
    async special(rand, root) {
      const key = `${root}/${pick(rand, ELEMENTS)}/${pick(rand, FIELDS)}`;
      if (rand() < 0.5) await redis.set(key, pick(rand, VALUES), 'PX', 30);
      else await redis.rename(key, `${root}/${pick(rand, ELEMENTS)}/${pick(rand, FIELDS)}`).catch(() => undefined); // no such key: nothing to rename
    },
    // the server drops every other client: the provider's connections and the copy's
    reconnect: async () => void (await redis.client('KILL', 'TYPE', 'pubsub')),
    fresh: (root) => getRedisTree({ endpoints, rootKey: root }),
    open: (root) => openRedisSession(resolveRedisOptions({ endpoints, rootKey: root })),
  });
  for (const seed of [1, 2, 3]) {
    it(`random sequence, seed ${seed} (sets, deletes, prefix deletes, expiries, renames, a dropped subscriber)`, async () => {
      await randomSequence(store(), seed, (root) => runRestarting(createRedisProvider({ endpoints, rootKey: root }, { quietMs: 5, maxWaitMs: 50 })));
    }, 60_000);
  }
});
