import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderSnapshot } from '@wharf/config';
import { run } from '../testing/collect.js';
import { freePort } from '@wharf/test-daemons';
import { REDIS, startRedis } from '../testing/stores.js';
import { createRedisProvider, getRedisTree, putRedisTree } from './redis-provider.js';

const routers = (s: ProviderSnapshot) => s.config.http.routers;
const client = (port: number) => new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1 }).on('error', () => undefined);

describe.skipIf(!REDIS)('redis provider against a real redis-server', () => {
  let store: Awaited<ReturnType<typeof startRedis>>;
  let redis: Redis;
  let endpoint: string;
  beforeAll(async () => {
    store = await startRedis();
    endpoint = `127.0.0.1:${store.port}`;
    redis = client(store.port);
  }, 30_000);
  afterAll(async () => {
    redis?.disconnect();
    await store?.cleanup();
  });

  it('enables keyspace notifications, lists, then follows set, del, expiry and delete-all', async () => {
    await redis.config('SET', 'notify-keyspace-events', '');
    await redis.set('traefik/http/routers/a/rule', 'Path(`/a`)');
    await redis.set('traefik/http/routers/a/entrypoints/0', 'web');
    const provider = run(createRedisProvider({ endpoints: [endpoint] }));
    const first = await provider.until((s) => routers(s).a !== undefined);
    expect(first.config.http.routers.a).toEqual({ rule: 'Path(`/a`)', entryPoints: ['web'] });
    expect(first.diagnostics).toEqual([]);
    expect(((await redis.config('GET', 'notify-keyspace-events')) as string[])[1]).toMatch(/K/);

    await redis.set('traefik/http/routers/b/rule', 'Path(`/b`)');
    await provider.until((s) => routers(s).b !== undefined);
    await redis.set('traefik/http/routers/a/rule', 'Path(`/a2`)');
    await provider.until((s) => routers(s).a?.rule === 'Path(`/a2`)');
    await redis.del('traefik/http/routers/b/rule');
    await provider.until((s) => routers(s).b === undefined);
    await redis.set('traefik/http/routers/t/rule', 'Path(`/t`)', 'PX', 150);
    await provider.until((s) => routers(s).t !== undefined);
    await provider.until((s) => routers(s).t === undefined, 5000);

    await redis.del('traefik/http/routers/a/rule', 'traefik/http/routers/a/entrypoints/0');
    const empty = await provider.until((s) => Object.keys(routers(s)).length === 0);
    expect(empty.config).toEqual({ http: { routers: {}, services: {}, middlewares: {} } });
    expect(await provider.stop()).toBe('returned');
  });

  it('bad keys become diagnostics naming the key; the rest keeps serving', async () => {
    await redis.set('bad/http/routers/ok/rule', 'Path(`/`)');
    await redis.set('bad/http/routers/p/priority', 'high');
    const provider = run(createRedisProvider({ endpoints: [endpoint], rootKey: 'bad' }));
    const s = await provider.until((x) => routers(x).ok !== undefined);
    expect(Object.keys(routers(s))).toEqual(['ok']);
    expect(s.diagnostics).toEqual([expect.objectContaining({ provider: 'redis', code: 'WHARF_CONFIG_BAD_VALUE', key: 'bad/http/routers/p/priority' })]);
    await provider.stop();
  });

  it('kv put replaces the tree in one transaction (outside keys untouched); kv get reads it back', async () => {
    await redis.set('rt/http/routers/stale/rule', 'Path(`/old`)');
    await redis.set('rtx/keep', 'other app');
    const config = {
      http: {
        routers: { web: { rule: 'Host(`a`)', service: 's', entryPoints: ['web', 'websecure'], tls: {} } },
        services: { s: { loadBalancer: { servers: [{ url: 'http://127.0.0.1:8080' }, { url: 'http://127.0.0.1:8081' }] } } },
        middlewares: {},
      },
    };
    expect(await putRedisTree({ endpoints: [endpoint], rootKey: 'rt' }, config)).toMatchObject({ keys: 7, written: 7, deleted: 1 });
    const got = await getRedisTree({ endpoints: [endpoint], rootKey: 'rt' });
    expect(got.diagnostics).toEqual([]);
    expect(got.config).toEqual(config);
    expect(await redis.get('rtx/keep')).toBe('other app');
  });

  it('the store going away makes start throw WHARF_KV_UNAVAILABLE; a fresh start resyncs', async () => {
    await redis.set('gone/http/routers/a/rule', 'Path(`/a`)');
    const provider = run(createRedisProvider({ endpoints: [endpoint], rootKey: 'gone' }));
    await provider.until((s) => routers(s).a !== undefined);
    await store.stop();
    const outcome = await provider.done;
    expect((outcome as Error & { code?: string }).code).toBe('WHARF_KV_UNAVAILABLE');
    expect((outcome as Error).message).toContain(endpoint);
    await store.start();
    redis.disconnect();
    redis = client(store.port);
    await redis.set('gone/http/routers/b/rule', 'Path(`/b`)');
    const again = run(createRedisProvider({ endpoints: [endpoint], rootKey: 'gone' }));
    const s = await again.until((x) => routers(x).b !== undefined);
    expect(Object.keys(routers(s))).toEqual(['b']); // the restarted server kept nothing (no persistence)
    await again.stop();
  }, 30_000);

  it('follows another database (db 3: its own keyspace channel)', async () => {
    const db3 = new Redis({ port: store.port, host: '127.0.0.1', db: 3 }).on('error', () => undefined);
    await redis.set('traefik/http/routers/db0only/rule', 'Path(`/0`)');
    const provider = run(createRedisProvider({ endpoints: [endpoint], db: 3 }));
    const first = await provider.until(() => true);
    expect(first.config.http.routers.db0only).toBeUndefined();
    await db3.set('traefik/http/routers/three/rule', 'Path(`/3`)');
    await provider.until((s) => routers(s).three !== undefined);
    await db3.del('traefik/http/routers/three/rule');
    await provider.until((s) => routers(s).three === undefined);
    await provider.stop();
    db3.disconnect();
    await redis.del('traefik/http/routers/db0only/rule');
  });

  it('an unreachable store fails the start with a coded error', async () => {
    const dead = await freePort();
    const outcome = await run(createRedisProvider({ endpoints: [`127.0.0.1:${dead}`] })).done;
    expect((outcome as Error & { code?: string }).code).toBe('WHARF_KV_UNAVAILABLE');
  });
});

describe.skipIf(!REDIS)('redis provider when CONFIG is disabled', () => {
  let store: Awaited<ReturnType<typeof startRedis>>;
  let redis: Redis;
  beforeAll(async () => {
    store = await startRedis(['--rename-command', 'CONFIG', '']);
    redis = client(store.port);
  }, 30_000);
  afterAll(async () => {
    redis?.disconnect();
    await store?.cleanup();
  });

  it('says so in a diagnostic and polls: changes and deletions still show', async () => {
    await redis.set('traefik/http/routers/a/rule', 'Path(`/a`)');
    const provider = run(createRedisProvider({ endpoints: [`127.0.0.1:${store.port}`] }));
    const first = await provider.until((s) => routers(s).a !== undefined);
    expect(first.diagnostics).toEqual([expect.objectContaining({ code: 'WHARF_KV_REDIS_POLLING', severity: 'warning', provider: 'redis' })]);
    expect(first.diagnostics[0]!.message).toContain('CONFIG');
    await redis.set('traefik/http/routers/b/rule', 'Path(`/b`)');
    await provider.until((s) => routers(s).b !== undefined, 4000);
    await redis.del('traefik/http/routers/a/rule');
    await provider.until((s) => routers(s).a === undefined, 4000);
    await provider.stop();
  });
});
