export { freePort } from './free-port.js';
export { binaryPath, findBinary, requireBinary } from './find-binary.js';
export { daemon, killChild, waitForPort, type Daemon } from './daemon.js';
export { startEtcd, startRedis, type KvDaemon } from './kv-stores.js';
export { startDnsmasq, DNSMASQ_BINARY, type Dnsmasq, type DnsmasqRecords } from './dnsmasq.js';
export { startPebble, type Pebble } from './pebble.js';
export { findPostgres, startPostgres, type Postgres, type PostgresOptions } from './postgres.js';
export { startHaproxy, HAPROXY_BINARY, type Haproxy } from './haproxy.js';
