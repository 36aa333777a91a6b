import { request } from 'node:http';
import type { DynamicConfig } from '@wharf/config';
import { getEtcdTree, putEtcdTree, putRedisTree } from '@wharf/provider-kv';
import { ETCD, REDIS, startEtcd, startRedis } from './testing/kv-stores.js';
import type { WhoamiServer } from '@wharf/whoami';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { loadStaticConfig } from './static/index.js';
import { startBackends, simpleConfig, waitFor } from './testing/harness.js';
import { startWharf, type RunningWharf } from './wharf.js';

const empty = { http: { routers: {}, services: {}, middlewares: {} } };

/** GET / with a Host header (fetch does not let one set it). */
function status(url: string, host: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { headers: { host }, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

/** `--providers.etcd.*` / `--providers.redis.*` wired end to end: the store's tree is what wharf routes. */
describe.skipIf(!ETCD || !REDIS)('wharf with the etcd and redis providers', () => {
  let etcd: Awaited<ReturnType<typeof startEtcd>>;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let backends: WhoamiServer[];
  let wharf: RunningWharf;
  let url: string;
  beforeAll(async () => {
    [etcd, redis, backends] = await Promise.all([startEtcd(), startRedis(), startBackends(1)]);
    await putEtcdTree({ endpoints: [`127.0.0.1:${etcd.port}`] }, empty);
    const config = loadStaticConfig({
      argv: [
        '--entrypoints.web.address=127.0.0.1:0',
        `--providers.etcd.endpoints=127.0.0.1:${etcd.port}`,
        `--providers.redis.endpoints=127.0.0.1:${redis.port}`,
        '--providers.redis.rootKey=edge',
        '--providers.providersThrottleDuration=20ms',
      ],
      env: {},
      cwd: process.cwd(),
      searchDirs: [],
    });
    wharf = await startWharf(config, { logger: createLogger({ level: process.env.WHARF_TEST_LOG ?? 'FATAL' }) });
    url = `http://127.0.0.1:${wharf.addresses.web!.port}/`;
  }, 60_000);
  afterAll(async () => {
    await wharf?.close();
    for (const b of backends ?? []) await b.close();
    await etcd?.cleanup();
    await redis?.cleanup();
  });

  it('routes what each store holds, qualified by provider, and drops what is deleted', async () => {
    const backend = backends[0]!.url;
    const tree = (rule: string) => simpleConfig([backend], { rule }) as DynamicConfig;
    await putEtcdTree({ endpoints: [`127.0.0.1:${etcd.port}`] }, tree('Host(`etcd.test`)'));
    await putRedisTree({ endpoints: [`127.0.0.1:${redis.port}`], rootKey: 'edge' }, tree('Host(`redis.test`)'));
    await waitFor(async () => (await status(url, 'etcd.test')) === 200 && (await status(url, 'redis.test')) === 200, 15_000, 'both routers');
    const names = Object.keys(wharf.runtime.source.view().routers).sort();
    expect(names).toEqual(expect.arrayContaining(['r@etcd', 'r@redis']));

    await putEtcdTree({ endpoints: [`127.0.0.1:${etcd.port}`] }, empty);
    await waitFor(async () => (await status(url, 'etcd.test')) === 404, 15_000, 'the etcd router to go');
    expect((await getEtcdTree({ endpoints: [`127.0.0.1:${etcd.port}`] })).config).toEqual(empty);
    expect(await status(url, 'redis.test')).toBe(200);
  }, 60_000);
});
