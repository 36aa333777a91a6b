import type { Logger, Provider } from '@wharf/config';
import { createDockerProvider } from '@wharf/provider-docker';
import { createDnsProvider } from '@wharf/provider-dns';
import { createFileProvider } from '@wharf/provider-file';
import { createEtcdProvider, createRedisProvider } from '@wharf/provider-kv';
import type { StaticConfig } from './static/index.js';

/**
 * Provider registry: one line per provider kind. Each factory receives its own static options
 * (`providers.<kind>`) and returns a Provider that only emits snapshots.
 */
type ProviderFactory = (options: never, logger: Logger) => Provider;

const factories: Record<string, ProviderFactory> = {
  file: (options: Parameters<typeof createFileProvider>[0], logger) => createFileProvider(options, { logger }),
  docker: (options: Parameters<typeof createDockerProvider>[0], logger) => createDockerProvider(options, { logger }),
  dns: (options: Parameters<typeof createDnsProvider>[0], logger) => createDnsProvider(options, { logger }),
  etcd: (options: Parameters<typeof createEtcdProvider>[0], logger) => createEtcdProvider(options, { logger }),
  redis: (options: Parameters<typeof createRedisProvider>[0], logger) => createRedisProvider(options, { logger }),
};

/** Providers enabled in the static configuration, in Traefik's precedence order (docker, file, dns, then the KV stores). */
export function createProviders(config: StaticConfig, logger: Logger): Provider[] {
  const enabled = config.providers as Record<string, unknown>;
  const out: Provider[] = [];
  for (const kind of ['docker', 'file', 'dns', 'etcd', 'redis']) {
    const options = enabled[kind];
    if (options === undefined || options === false) continue;
    out.push(factories[kind]!((options === true ? {} : options) as never, logger));
  }
  return out;
}
