import { Type, type Static } from '@sinclair/typebox';
import { ClientTlsSchema, DurationSchema } from '@wharf/config';

export const DOCKER_DEFAULT_ENDPOINT = 'unix:///var/run/docker.sock';
export const DOCKER_DEFAULT_RULE = 'Host(`{{ normalize .Name }}`)';

/** The options `providers.docker` and `providers.swarm` share (the same Docker engine client and label rules). */
export function engineOptionProperties(endpointDescription: string) {
  return {
    endpoint: Type.String({ default: DOCKER_DEFAULT_ENDPOINT, description: endpointDescription }),
    exposedByDefault: Type.Boolean({ default: true }),
    network: Type.String({ default: '' }),
    defaultRule: Type.String({ default: DOCKER_DEFAULT_RULE }),
    watch: Type.Boolean({ default: true }),
    constraints: Type.String({ default: '' }),
    allowEmptyServices: Type.Boolean({ default: false }),
    labelPrefix: Type.String({ default: 'traefik', description: 'label namespace (wharf extension)' }),
    httpClientTimeout: Type.Optional(DurationSchema),
    username: Type.Optional(Type.String()),
    password: Type.Optional(Type.String()),
    tls: Type.Optional(ClientTlsSchema),
  };
}

/** Defaults of the shared engine options. */
export const ENGINE_OPTION_DEFAULTS = {
  endpoint: DOCKER_DEFAULT_ENDPOINT,
  exposedByDefault: true,
  network: '',
  defaultRule: DOCKER_DEFAULT_RULE,
  watch: true,
  constraints: '',
  allowEmptyServices: false,
  labelPrefix: 'traefik',
} as const;

/** Fill defaults for absent fields; `undefined` values count as absent. */
export function withDefaults<T extends object>(defaults: Readonly<T>, input: Partial<T>): T {
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  return { ...defaults, ...defined } as T;
}

/**
 * `providers.docker.*` static options, Traefik names and defaults (reference §1.8).
 * The static configuration parser (apps/wharf) validates against this schema and matches keys
 * case-insensitively (`--providers.docker.exposedbydefault=false`).
 */
export const DockerProviderOptionsSchema = Type.Object(
  {
    ...engineOptionProperties('unix://, tcp:// or http:// Docker endpoint'),
    useBindPortIP: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);

export type DockerProviderOptions = Static<typeof DockerProviderOptionsSchema>;
/** What callers may pass: every field optional, defaults filled by `resolveDockerProviderOptions`. */
export type DockerProviderOptionsInput = Partial<DockerProviderOptions>;

export const DOCKER_PROVIDER_DEFAULTS: Readonly<DockerProviderOptions> = Object.freeze({ ...ENGINE_OPTION_DEFAULTS, useBindPortIP: false });

/** Fill Traefik's defaults for absent fields; `undefined` values count as absent. */
export function resolveDockerProviderOptions(input: DockerProviderOptionsInput = {}): DockerProviderOptions {
  return withDefaults(DOCKER_PROVIDER_DEFAULTS, input);
}
