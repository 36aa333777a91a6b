import { findBinary } from '@wharf/test-daemons';

export { startEtcd, startRedis } from '@wharf/test-daemons';
export const ETCD = findBinary('etcd', 'etcd provider');
export const REDIS = findBinary('redis-server', 'redis provider');
