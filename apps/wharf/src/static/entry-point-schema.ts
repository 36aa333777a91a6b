import { Type } from '@sinclair/typebox';
import { DurationSchema } from '@wharf/config';

const Bool = (value: boolean, description?: string) => Type.Boolean({ default: value, ...(description ? { description } : {}) });
const Dur = (value: string, description?: string) =>
  Type.Union(DurationSchema.anyOf, { default: value, ...(description ? { description } : {}) });

const RedirectionSchema = Type.Object({
  entryPoint: Type.Optional(
    Type.Object({
      to: Type.String({ description: 'target entrypoint name or port (":443")' }),
      scheme: Type.String({ default: 'https' }),
      permanent: Bool(true),
      priority: Type.Optional(Type.Integer()),
    }),
  ),
});

const EntryPointHttpSchema = Type.Object(
  {
    middlewares: Type.Array(Type.String(), { default: [], description: 'middlewares prepended to every router on this entrypoint' }),
    redirections: Type.Optional(RedirectionSchema),
    tls: Type.Optional(
      Type.Object({
        options: Type.Optional(Type.String()),
        certResolver: Type.Optional(Type.String()),
        domains: Type.Optional(Type.Array(Type.Object({ main: Type.Optional(Type.String()), sans: Type.Optional(Type.Array(Type.String())) }))),
      }),
    ),
    sanitizePath: Bool(true, 'normalise ".", ".." and "//" in request paths'),
  },
  { default: {} },
);

/** `entryPoints.<name>.*` (Traefik names and defaults). */
export const EntryPointSchema = Type.Object({
  address: Type.String({ description: 'listen address: ":80", "127.0.0.1:8001", "[::1]:80", ":53/udp"' }),
  asDefault: Bool(false, 'routers without entryPoints attach to asDefault entrypoints only'),
  http: EntryPointHttpSchema,
  forwardedHeaders: Type.Object(
    {
      insecure: Bool(false, 'trust X-Forwarded-* from any client'),
      trustedIPs: Type.Array(Type.String(), { default: [], description: 'IPs/CIDRs whose X-Forwarded-* headers are trusted' }),
    },
    { default: {} },
  ),
  transport: Type.Object(
    {
      respondingTimeouts: Type.Object(
        { readTimeout: Dur('60s'), writeTimeout: Dur('0s'), idleTimeout: Dur('180s') },
        { default: {} },
      ),
      lifeCycle: Type.Object(
        { graceTimeOut: Dur('10s', 'drain time on shutdown'), requestAcceptGraceTimeout: Dur('0s') },
        { default: {} },
      ),
    },
    { default: {} },
  ),
});
