import { Type, type Static } from '@sinclair/typebox';
import { ClientTlsSchema } from '@wharf/config';
import { ENDPOINT_PATTERN } from '../store/endpoint.js';

export const ETCD_DEFAULT_ENDPOINT = '127.0.0.1:2379';

/**
 * `providers.etcd.*` static options, Traefik's names and defaults: `--providers.etcd.endpoints=
 * 127.0.0.1:2379` (several members: comma-separated), `rootKey` (default `traefik`), password
 * auth, client TLS (`ca`, `cert`, `key`: paths or PEM text; `insecureSkipVerify`).
 */
export const EtcdProviderOptionsSchema = Type.Object(
  {
    endpoints: Type.Array(Type.String({ pattern: ENDPOINT_PATTERN, description: 'expected: host:port (e.g. 127.0.0.1:2379)' }), {
      default: [ETCD_DEFAULT_ENDPOINT],
      minItems: 1,
      description: 'host:port of the etcd members',
    }),
    rootKey: Type.String({ default: 'traefik', minLength: 1, description: 'every key starts with <rootKey>/' }),
    username: Type.Optional(Type.String()),
    password: Type.Optional(Type.String()),
    tls: Type.Optional(ClientTlsSchema),
  },
  { additionalProperties: false },
);

export type EtcdProviderOptions = Static<typeof EtcdProviderOptionsSchema>;
export type EtcdProviderOptionsInput = Partial<EtcdProviderOptions>;

/** Traefik's defaults for absent fields; `undefined` values count as absent. */
export function resolveEtcdOptions(input: EtcdProviderOptionsInput = {}): EtcdProviderOptions {
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  return { endpoints: [ETCD_DEFAULT_ENDPOINT], rootKey: 'traefik', ...defined } as EtcdProviderOptions;
}
