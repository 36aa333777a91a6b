import { Type, type Static } from '@sinclair/typebox';
import { ClientTlsSchema, DurationSchema } from '@wharf/config';
import { DOCKER_DEFAULT_ENDPOINT, DOCKER_DEFAULT_RULE } from '../options.js';

/** `providers.swarm.*` (Traefik v3 names and defaults, `pkg/provider/docker/pswarm.go`). */
export const SwarmProviderOptionsSchema = Type.Object(
  {
    endpoint: Type.String({ default: DOCKER_DEFAULT_ENDPOINT, description: 'Docker endpoint of a swarm manager' }),
    exposedByDefault: Type.Boolean({ default: true }),
    network: Type.String({ default: '' }),
    defaultRule: Type.String({ default: DOCKER_DEFAULT_RULE }),
    watch: Type.Boolean({ default: true }),
    constraints: Type.String({ default: '' }),
    allowEmptyServices: Type.Boolean({ default: false }),
    refreshSeconds: Type.Union(DurationSchema.anyOf, { default: '15s', description: 'polling period of services and tasks' }),
    labelPrefix: Type.String({ default: 'traefik', description: 'label namespace (wharf extension)' }),
    httpClientTimeout: Type.Optional(DurationSchema),
    username: Type.Optional(Type.String()),
    password: Type.Optional(Type.String()),
    tls: Type.Optional(ClientTlsSchema),
  },
  { additionalProperties: false },
);

export type SwarmProviderOptions = Static<typeof SwarmProviderOptionsSchema>;
export type SwarmProviderOptionsInput = Partial<SwarmProviderOptions>;

export const SWARM_PROVIDER_DEFAULTS: Readonly<SwarmProviderOptions> = Object.freeze({
  endpoint: DOCKER_DEFAULT_ENDPOINT,
  exposedByDefault: true,
  network: '',
  defaultRule: DOCKER_DEFAULT_RULE,
  watch: true,
  constraints: '',
  allowEmptyServices: false,
  refreshSeconds: '15s',
  labelPrefix: 'traefik',
});

export function resolveSwarmOptions(input: SwarmProviderOptionsInput = {}): SwarmProviderOptions {
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  return { ...SWARM_PROVIDER_DEFAULTS, ...defined } as SwarmProviderOptions;
}
