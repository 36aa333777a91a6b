// The static options alone (typebox schemas, defaults): what the app needs at start-up to
// validate `providers.etcd` / `providers.redis` and print help, without loading ioredis or etcd3.
export * from './etcd/options.js';
export * from './redis/options.js';
