import { Type } from '@sinclair/typebox';
import { CertificateResolverSchema } from '@wharf/provider-acme/options';
import { DurationSchema, ForwardingTimeoutsSchema } from '@wharf/config';
import { providerSchemas } from '../providers/index.js';
import { EntryPointSchema } from './entry-point-schema.js';

const Str = (value: string, description?: string) => Type.String({ default: value, ...(description ? { description } : {}) });
const Bool = (value: boolean, description?: string) => Type.Boolean({ default: value, ...(description ? { description } : {}) });
/** A case-insensitive choice typed as the literal union (`Type.Unsafe` keeps the `anyOf`). */
const Lit = <const T extends string>(values: readonly T[], value?: NoInfer<T>, description?: string) =>
  Type.Unsafe<T>(
    Type.Union(values.map((v) => Type.Literal(v)), { ...(value !== undefined ? { default: value } : {}), ...(description ? { description } : {}) }),
  );

const FieldModes = ['keep', 'drop', 'redact'] as const;
const FieldModeSchema = Lit(FieldModes);

/**
 * Static (install) configuration: Traefik's names and defaults (reference §2). Keys match
 * case-insensitively in every source; presence objects (`--ping`, `--providers.docker`) accept
 * `true`. `certificatesResolvers` and `serversTransport` are accepted so Traefik configs load.
 */
export const StaticConfigSchema = Type.Object({
  configFile: Type.Optional(Type.String({ description: 'static configuration file (YAML or TOML)' })),
  entryPoints: Type.Optional(Type.Record(Type.String(), EntryPointSchema, { description: 'default: web on ":80"' })),
  providers: Type.Object(
    {
      providersThrottleDuration: Type.Union(DurationSchema.anyOf, { default: '2s', description: 'wait before applying a provider change' }),
      // one `providers.<name>` per registry entry (apps/wharf/src/providers/registry.ts)
      ...providerSchemas(),
    },
    { default: {} },
  ),
  api: Type.Optional(
    Type.Object({
      insecure: Bool(false, 'serve the API and dashboard on the "traefik" entrypoint (:8080)'),
      dashboard: Bool(true),
      basePath: Str('/'),
      debug: Bool(false),
      disableDashboardAd: Bool(false, 'hide the Traefik Hub ad in Traefik\'s web UI (sent as /api/version disableDashboardAd)'),
      dashboardName: Type.Optional(Type.String({ description: 'a name shown in the dashboard\'s page title' })),
    }),
  ),
  ping: Type.Optional(
    Type.Object({
      entryPoint: Str('traefik'),
      terminatingStatusCode: Type.Integer({ default: 503, minimum: 100, maximum: 599 }),
    }),
  ),
  metrics: Type.Object(
    {
      prometheus: Type.Optional(
        Type.Object({
          entryPoint: Str('traefik'),
          buckets: Type.Array(Type.Number(), { default: [0.1, 0.3, 1.2, 5.0] }),
          addEntryPointsLabels: Bool(true),
          addRoutersLabels: Bool(false),
          addServicesLabels: Bool(true),
        }),
      ),
    },
    { default: {} },
  ),
  log: Type.Object(
    {
      level: Lit(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL', 'PANIC'], 'ERROR'),
      format: Lit(['common', 'json'], 'common'),
      filePath: Type.Optional(Type.String({ description: 'default: stdout' })),
    },
    { default: {} },
  ),
  accessLog: Type.Optional(
    Type.Object({
      filePath: Type.Optional(Type.String({ description: 'default: stdout' })),
      format: Lit(['common', 'json', 'genericCLF'], 'common'),
      bufferingSize: Type.Integer({ default: 0, minimum: 0 }),
      filters: Type.Optional(
        Type.Object({
          statusCodes: Type.Optional(Type.Array(Type.String(), { description: 'keep only these statuses/ranges, e.g. 200,300-302' })),
          retryAttempts: Type.Optional(Type.Boolean({ description: 'keep requests that were retried' })),
          minDuration: Type.Optional(DurationSchema),
        }),
      ),
      fields: Type.Object(
        {
          defaultMode: Lit(FieldModes, 'keep'),
          names: Type.Record(Type.String(), FieldModeSchema, { default: {} }),
          headers: Type.Object(
            { defaultMode: Lit(FieldModes, 'drop'), names: Type.Record(Type.String(), FieldModeSchema, { default: {} }) },
            { default: {} },
          ),
        },
        { default: {} },
      ),
      tcp: Bool(false, 'wharf: also one line per TCP connection at its close (router, service, server, client, bytes, duration)'),
    }),
  ),
  core: Type.Object({ defaultRuleSyntax: Lit(['v2', 'v3'], 'v3') }, { default: {} }),
  global: Type.Object(
    { checkNewVersion: Bool(true, 'accepted, ignored'), sendAnonymousUsage: Bool(false, 'accepted, ignored') },
    { default: {} },
  ),
  serversTransport: Type.Optional(
    Type.Object({
      insecureSkipVerify: Type.Optional(Type.Boolean()),
      rootCAs: Type.Optional(Type.Array(Type.String())),
      maxIdleConnsPerHost: Type.Optional(Type.Integer()),
      forwardingTimeouts: Type.Optional(ForwardingTimeoutsSchema),
    }),
  ),
  certificatesResolvers: Type.Optional(
    Type.Record(Type.String(), CertificateResolverSchema, { description: 'ACME certificate resolvers (docs/acme.md)' }),
  ),
});
