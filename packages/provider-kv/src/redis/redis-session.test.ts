import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KvChange } from '../store/kv-session.js';
import { REDIS, startRedis } from '../testing/stores.js';
import { resolveRedisOptions } from './options.js';
import { openRedisSession } from './redis-session.js';

describe.skipIf(!REDIS)('redis session changes against a real redis-server', () => {
  let store: Awaited<ReturnType<typeof startRedis>>;
  let redis: Redis;
  beforeAll(async () => {
    store = await startRedis();
    redis = new Redis({ port: store.port, host: '127.0.0.1' }).on('error', () => undefined);
  }, 30_000);
  afterAll(async () => {
    redis?.disconnect();
    await store?.cleanup();
  });

  it('notifications become puts with the value read back, deletes for del, expiry and rename', async () => {
    const session = await openRedisSession(resolveRedisOptions({ endpoints: [`127.0.0.1:${store.port}`], rootKey: 'n' }));
    const changes: KvChange[] = [];
    await session.watch({ changes: (b) => changes.push(...b), resync: () => undefined });
    await redis.set('n/a', '1');
    await expect.poll(() => changes).toEqual([{ kind: 'put', key: 'n/a', value: '1' }]);
    await redis.rename('n/a', 'n/b');
    await expect.poll(() => changes.slice(1)).toEqual([{ kind: 'delete', key: 'n/a' }, { kind: 'put', key: 'n/b', value: '1' }]);
    await redis.set('n/b', '2', 'PX', 20);
    await expect.poll(() => changes.at(-1)).toEqual({ kind: 'delete', key: 'n/b' });
    await redis.hset('n/hash', 'f', 'v'); // not a string: absent, as a listing has it
    await expect.poll(() => changes.at(-1)).toEqual({ kind: 'delete', key: 'n/hash' });
    await session.close();
  });

  it('what notifies nothing (FLUSHDB) is caught by the periodic listing request', async () => {
    const session = await openRedisSession(resolveRedisOptions({ endpoints: [`127.0.0.1:${store.port}`], rootKey: 'f' }), 100);
    const resyncs: string[] = [];
    await session.watch({ changes: () => undefined, resync: (reason) => resyncs.push(reason) });
    await redis.set('f/a', '1');
    await redis.flushdb();
    await expect.poll(() => resyncs.length).toBeGreaterThan(0);
    expect(resyncs[0]).toBe('periodic check');
    expect(await session.list()).toEqual([]);
    await session.close();
  });
});
