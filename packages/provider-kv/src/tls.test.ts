import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEtcdTree, putEtcdTree } from './etcd/etcd-provider.js';
import { getRedisTree, putRedisTree } from './redis/redis-provider.js';
import { makeCerts, OPENSSL, type TestCerts } from './testing/certs.js';
import { ETCD, REDIS, startEtcd, startRedis } from './testing/stores.js';

const config = { http: { routers: { r: { rule: 'Path(`/`)', service: 's' } }, services: {}, middlewares: {} } };

describe.skipIf(!OPENSSL || !ETCD || !REDIS)('KV stores over TLS (tls.ca, tls.insecureSkipVerify)', () => {
  let certs: TestCerts;
  let etcd: Awaited<ReturnType<typeof startEtcd>>;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  beforeAll(async () => {
    certs = makeCerts();
    [etcd, redis] = await Promise.all([startEtcd(certs), startRedis([], certs)]);
  }, 30_000);
  afterAll(async () => {
    await etcd?.cleanup();
    await redis?.cleanup();
    if (certs) rmSync(certs.dir, { recursive: true, force: true });
  });

  it('etcd: verifies against tls.ca (path or PEM), or skips verification when asked', async () => {
    const endpoints = [`127.0.0.1:${etcd.port}`];
    await putEtcdTree({ endpoints, tls: { ca: certs.ca } }, config);
    expect((await getEtcdTree({ endpoints, tls: { ca: certs.ca } })).config).toEqual(config);
    expect((await getEtcdTree({ endpoints, tls: { ca: readFileSync(certs.ca, 'utf8') } })).config).toEqual(config);
    expect((await getEtcdTree({ endpoints, tls: { insecureSkipVerify: true } })).config).toEqual(config);
    await expect(getEtcdTree({ endpoints, tls: {} })).rejects.toMatchObject({ code: 'WHARF_KV_UNAVAILABLE' });
    await expect(getEtcdTree({ endpoints })).rejects.toMatchObject({ code: 'WHARF_KV_UNAVAILABLE' });
  }, 30_000);

  it('redis: verifies against tls.ca, or skips verification when asked; an unknown CA is refused', async () => {
    const endpoints = [`127.0.0.1:${redis.port}`];
    await putRedisTree({ endpoints, tls: { ca: certs.ca } }, config);
    expect((await getRedisTree({ endpoints, tls: { ca: certs.ca } })).config).toEqual(config);
    expect((await getRedisTree({ endpoints, tls: { insecureSkipVerify: true } })).config).toEqual(config);
    await expect(getRedisTree({ endpoints, tls: {} })).rejects.toMatchObject({ code: 'WHARF_KV_UNAVAILABLE' });
  });

  it('a TLS file that cannot be read is an options error naming it', async () => {
    await expect(getRedisTree({ endpoints: [`127.0.0.1:${redis.port}`], tls: { ca: '/nonexistent/ca.pem' } })).rejects.toMatchObject({
      code: 'WHARF_KV_OPTIONS',
      message: expect.stringContaining('/nonexistent/ca.pem'),
    });
  });
});
