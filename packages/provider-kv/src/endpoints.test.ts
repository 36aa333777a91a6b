import { describe, expect, it } from 'vitest';
import { decodeWithSchema } from '@wharf/config';
import { createEtcdProvider } from './etcd/etcd-provider.js';
import { EtcdProviderOptionsSchema } from './etcd/options.js';
import { createRedisProvider } from './redis/redis-provider.js';
import { RedisProviderOptionsSchema } from './redis/options.js';
import { parseEndpoint } from './store/endpoint.js';

describe('endpoints in Traefik\'s host:port form', () => {
  it.each([
    ['127.0.0.1:2379', { host: '127.0.0.1', port: 2379, secure: false }],
    ['etcd.internal:2379', { host: 'etcd.internal', port: 2379, secure: false }],
    ['[::1]:6379', { host: '::1', port: 6379, secure: false }],
    ['https://etcd:2379', { host: 'etcd', port: 2379, secure: true }],
    ['rediss://cache:6380/', { host: 'cache', port: 6380, secure: true }],
  ])('%s', (text, expected) => {
    expect(parseEndpoint('etcd', text)).toEqual(expected);
  });

  it.each(['127.0.0.1', ':2379', 'host:99999', 'a b:1', 'http://x'])('rejects %s with a coded error', (text) => {
    expect(() => parseEndpoint('redis', text)).toThrow(expect.objectContaining({ code: 'WHARF_KV_OPTIONS' }));
  });

  it('the static schemas say what they expect; the factories fail at once on a bad endpoint', () => {
    const bad = decodeWithSchema(EtcdProviderOptionsSchema, { endpoints: '127.0.0.1' });
    expect(bad.issues).toEqual([expect.objectContaining({ path: 'endpoints[0]', expected: 'host:port (e.g. 127.0.0.1:2379)' })]);
    expect(decodeWithSchema(RedisProviderOptionsSchema, { endpoints: 'a:1,b:2' }).issues[0]?.message).toContain('at most 1');
    expect(decodeWithSchema(EtcdProviderOptionsSchema, {}).value).toEqual({ endpoints: ['127.0.0.1:2379'], rootKey: 'traefik' });
    expect(() => createEtcdProvider({ endpoints: ['nope'] })).toThrow(expect.objectContaining({ code: 'WHARF_KV_OPTIONS' }));
    expect(() => createRedisProvider({ endpoints: ['nope'] })).toThrow(expect.objectContaining({ code: 'WHARF_KV_OPTIONS' }));
  });
});
