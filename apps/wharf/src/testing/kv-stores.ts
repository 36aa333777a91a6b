import { findBinary } from '@wharf/test-daemons';

/** etcd and redis-server on loopback for the app's KV tests (`wharf kv`, the providers wired by flags). */
export { startEtcd, startRedis } from '@wharf/test-daemons';
export const ETCD = findBinary('etcd', 'KV');
export const REDIS = findBinary('redis-server', 'KV');
