import type { DynamicConfig, Provider } from '@wharf/config';
import { parseEndpoint } from '../store/endpoint.js';
import { createKvProvider, type KvProviderDeps } from '../store/kv-provider.js';
import { getKvTree, putKvTree, type KvPutResult } from '../store/kv-tool.js';
import { openEtcdSession } from './etcd-session.js';
import { resolveEtcdOptions, type EtcdProviderOptionsInput } from './options.js';

/** The `etcd` provider: Traefik's KV layout under `rootKey`, watched, one full snapshot per change. */
export function createEtcdProvider(input: EtcdProviderOptionsInput = {}, deps: KvProviderDeps = {}): Provider {
  const options = resolveEtcdOptions(input);
  for (const endpoint of options.endpoints) parseEndpoint('etcd', endpoint); // a malformed endpoint fails at start-up, not on every retry
  return createKvProvider({ name: 'etcd', rootKey: options.rootKey, open: () => openEtcdSession(options) }, deps);
}

/** `wharf kv put` on etcd: replaces the tree under the root key with `config`. */
export function putEtcdTree(input: EtcdProviderOptionsInput, config: DynamicConfig): Promise<KvPutResult> {
  const options = resolveEtcdOptions(input);
  return putKvTree(() => openEtcdSession(options), options.rootKey, config);
}

/** `wharf kv get` on etcd: the tree under the root key, decoded. */
export function getEtcdTree(input: EtcdProviderOptionsInput) {
  const options = resolveEtcdOptions(input);
  return getKvTree(() => openEtcdSession(options), options.rootKey, 'etcd');
}
