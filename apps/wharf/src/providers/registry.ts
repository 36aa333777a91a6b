import { Type, type TObject, type TOptional } from '@sinclair/typebox';
import { DockerProviderOptionsSchema, SwarmProviderOptionsSchema } from '@wharf/provider-docker/options';
import { DnsProviderOptionsSchema } from '@wharf/provider-dns/options';
import { createFileProvider } from '@wharf/provider-file';
import { EtcdProviderOptionsSchema, RedisProviderOptionsSchema } from '@wharf/provider-kv/options';
import { providerKind, type ProviderKind } from './provider-kind.js';

const FileProviderStaticSchema = Type.Object({
  filename: Type.Optional(Type.String({ description: 'dynamic configuration file (YAML or TOML)' })),
  directory: Type.Optional(Type.String({ description: 'directory of dynamic configuration files (recursive)' })),
  watch: Type.Boolean({ default: true, description: 'reload on change' }),
  maxFileSize: Type.Optional(Type.Integer({ minimum: 1, description: 'largest file read, in bytes (default 16777216; wharf addition)' })),
});

// loaded when a kind is configured (their clients are heavy: dockerode, ioredis, etcd3, gRPC)
const docker = () => import('@wharf/provider-docker');
const dns = () => import('@wharf/provider-dns');
const kv = () => import('@wharf/provider-kv');

/**
 * Every provider wharf knows, one line each, in Traefik's precedence order (first wins a name
 * clash): the static schema (`providers.<name>`), the help line and the factory come from here.
 * Only the file provider (what almost every start uses) loads with wharf; the others' schemas come
 * from their `/options` entry and their package (Docker's client, the KV stores', DNS) is loaded
 * when configured.
 */
export const providerKinds = [
  providerKind('docker', DockerProviderOptionsSchema, 'Docker containers’ labels', async (o, logger) => (await docker()).createDockerProvider(o, { logger })),
  providerKind('swarm', SwarmProviderOptionsSchema, 'Docker Swarm services’ labels', async (o, logger) => (await docker()).createSwarmProvider(o, { logger })),
  providerKind('file', FileProviderStaticSchema, 'dynamic configuration files', (o, logger) => createFileProvider(o, { logger })),
  providerKind('dns', DnsProviderOptionsSchema, 'servers from DNS, HAProxy server-template style', async (o, logger) => (await dns()).createDnsProvider(o, { logger })),
  providerKind('etcd', EtcdProviderOptionsSchema, 'etcd KV store, Traefik key layout', async (o, logger) => (await kv()).createEtcdProvider(o, { logger })),
  providerKind('redis', RedisProviderOptionsSchema, 'Redis KV store, Traefik key layout', async (o, logger) => (await kv()).createRedisProvider(o, { logger })),
] as const satisfies readonly ProviderKind[];

type Kinds = (typeof providerKinds)[number];
type ProviderSchemas = { [K in Kinds as K['name']]: TOptional<K['schema']> };

/** `providers.<name>` properties of the static schema, one optional object per provider kind. */
export function providerSchemas(): ProviderSchemas {
  const out: Record<string, TOptional<TObject>> = {};
  for (const kind of providerKinds) out[kind.name] = Type.Optional(withDescription(kind.schema, kind.description));
  return out as ProviderSchemas;
}

function withDescription<S extends TObject>(schema: S, description: string): S {
  return schema.description ? schema : { ...schema, description };
}
