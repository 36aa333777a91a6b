import type { DynamicConfig, Provider } from '@wharf/config';
import { parseEndpoint } from '../store/endpoint.js';
import { createKvProvider, type KvProviderDeps } from '../store/kv-provider.js';
import { getKvTree, putKvTree, type KvPutResult } from '../store/kv-tool.js';
import { resolveRedisOptions, type RedisProviderOptionsInput } from './options.js';
import { openRedisSession } from './redis-session.js';

/** The `redis` provider: Traefik's KV layout under `rootKey`, keyspace notifications, one full snapshot per change. */
export function createRedisProvider(input: RedisProviderOptionsInput = {}, deps: KvProviderDeps = {}): Provider {
  const options = resolveRedisOptions(input);
  for (const endpoint of options.endpoints) parseEndpoint('redis', endpoint); // a malformed endpoint fails at start-up, not on every retry
  return createKvProvider({ name: 'redis', rootKey: options.rootKey, open: () => openRedisSession(options) }, deps);
}

/** `wharf kv put` on Redis: replaces the tree under the root key with `config` (one MULTI/EXEC). */
export function putRedisTree(input: RedisProviderOptionsInput, config: DynamicConfig): Promise<KvPutResult> {
  const options = resolveRedisOptions(input);
  return putKvTree(() => openRedisSession(options), options.rootKey, config);
}

/** `wharf kv get` on Redis: the tree under the root key, decoded. */
export function getRedisTree(input: RedisProviderOptionsInput) {
  const options = resolveRedisOptions(input);
  return getKvTree(() => openRedisSession(options), options.rootKey, 'redis');
}
