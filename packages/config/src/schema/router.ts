import { Type } from '@sinclair/typebox';

export const RouterTlsSchema = Type.Object({
  options: Type.Optional(Type.String()),
  certResolver: Type.Optional(Type.String()),
  domains: Type.Optional(
    Type.Array(Type.Object({ main: Type.Optional(Type.String()), sans: Type.Optional(Type.Array(Type.String())) })),
  ),
});

export const RouterObservabilitySchema = Type.Object({
  accessLogs: Type.Optional(Type.Boolean()),
  metrics: Type.Optional(Type.Boolean()),
  tracing: Type.Optional(Type.Boolean()),
  traceVerbosity: Type.Optional(Type.Union([Type.Literal('minimal'), Type.Literal('detailed')])),
});

/** `RouterConfig` (model/http.ts). */
export const RouterSchema = Type.Object({
  rule: Type.Optional(Type.String()),
  ruleSyntax: Type.Optional(Type.Union([Type.Literal('v2'), Type.Literal('v3')])),
  entryPoints: Type.Optional(Type.Array(Type.String())),
  middlewares: Type.Optional(Type.Array(Type.String())),
  service: Type.Optional(Type.String()),
  priority: Type.Optional(Type.Integer()),
  tls: Type.Optional(RouterTlsSchema),
  observability: Type.Optional(RouterObservabilitySchema),
});
