import { Type, type Static } from '@sinclair/typebox';
import { ClientTlsSchema } from '@wharf/config';
import { ENDPOINT_PATTERN } from '../store/endpoint.js';

export const REDIS_DEFAULT_ENDPOINT = '127.0.0.1:6379';

/**
 * `providers.redis.*` static options, Traefik's names and defaults. One endpoint, as Traefik's
 * Redis store (Sentinel is not supported); `db` selects the database (and the keyspace channel).
 */
export const RedisProviderOptionsSchema = Type.Object(
  {
    endpoints: Type.Array(Type.String({ pattern: ENDPOINT_PATTERN, description: 'expected: host:port (e.g. 127.0.0.1:6379)' }), {
      default: [REDIS_DEFAULT_ENDPOINT],
      minItems: 1,
      maxItems: 1,
      description: 'host:port of the Redis server (one)',
    }),
    rootKey: Type.String({ default: 'traefik', minLength: 1, description: 'every key starts with <rootKey>/' }),
    db: Type.Integer({ default: 0, minimum: 0 }),
    username: Type.Optional(Type.String()),
    password: Type.Optional(Type.String()),
    tls: Type.Optional(ClientTlsSchema),
  },
  { additionalProperties: false },
);

export type RedisProviderOptions = Static<typeof RedisProviderOptionsSchema>;
export type RedisProviderOptionsInput = Partial<RedisProviderOptions>;

export function resolveRedisOptions(input: RedisProviderOptionsInput = {}): RedisProviderOptions {
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  return { endpoints: [REDIS_DEFAULT_ENDPOINT], rootKey: 'traefik', db: 0, ...defined } as RedisProviderOptions;
}
