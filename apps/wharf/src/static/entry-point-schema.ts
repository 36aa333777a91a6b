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
    sanitizePath: Bool(true, 'clean ".", ".." and "//" segments (also %2e-encoded) before routing and forwarding'),
    underscoreHeadersStrategy: Type.Union([Type.Literal('keep'), Type.Literal('delete'), Type.Literal('reject')], { default: 'keep', description: 'request headers named with "_": keep, delete, or reject (400)' }),
    maxHeaderBytes: Type.Optional(Type.Integer({ minimum: 1024, maximum: 16 * 1024 * 1024, description: 'largest request head in bytes (default 16 KiB for HTTP/1.1, 32 KiB of headers for HTTP/2; Traefik: 1 MiB)' })),
    encodedCharacters: Type.Object(
      {
        allowEncodedSlash: Bool(true, 'false: a path with %2F answers 400'),
        allowEncodedBackSlash: Bool(true, 'false: a path with %5C answers 400'),
        allowEncodedNullCharacter: Bool(true, 'false: a path with %00 answers 400'),
        allowEncodedSemicolon: Bool(true, 'false: a path with %3B answers 400'),
        allowEncodedPercent: Bool(true, 'false: a path with %25 answers 400'),
        allowEncodedQuestionMark: Bool(true, 'false: a path with %3F answers 400'),
        allowEncodedHash: Bool(true, 'false: a path with %23 answers 400'),
      },
      { default: {} },
    ),
  },
  { default: {} },
);

/** `entryPoints.<name>.*` (Traefik names and defaults). */
export const EntryPointSchema = Type.Object({
  address: Type.String({ description: 'listen address: ":80", "127.0.0.1:8001", "[::1]:80", ":53/udp"' }),
  asDefault: Bool(false, 'routers without entryPoints attach to asDefault entrypoints only'),
  allowACMEByPass: Bool(false, 'user routers may answer ACME challenges (HTTP-01 path, TLS-ALPN-01 ClientHellos) on this entrypoint'),
  http: EntryPointHttpSchema,
  forwardedHeaders: Type.Object(
    {
      insecure: Bool(false, 'trust X-Forwarded-* from any client'),
      trustedIPs: Type.Array(Type.String(), { default: [], description: 'IPs/CIDRs whose X-Forwarded-* headers are trusted' }),
    },
    { default: {} },
  ),
  proxyProtocol: Type.Optional(
    Type.Object({
      insecure: Bool(false, 'accept a PROXY protocol header (v1 or v2) from any client'),
      trustedIPs: Type.Array(Type.String(), { default: [], description: 'IPs/CIDRs (the load balancers) whose PROXY protocol header gives the client address; from others the bytes are left as sent' }),
    }),
  ),
  transport: Type.Object(
    {
      respondingTimeouts: Type.Object(
        {
          readTimeout: Dur('60s', 'the whole request (head and body) must arrive within this; 0 = none'),
          writeTimeout: Dur('0s', 'the response must be written within this after the request head; 0 = none'),
          idleTimeout: Dur('180s', 'idle keep-alive client connections close after this'),
        },
        { default: {} },
      ),
      lifeCycle: Type.Object(
        {
          graceTimeOut: Dur('10s', 'on stop: in-flight requests and WebSocket tunnels get this long to finish'),
          requestAcceptGraceTimeout: Dur('0s', 'on stop: keep accepting requests this long first (/ping answers 503 meanwhile)'),
        },
        { default: {} },
      ),
      keepAliveMaxRequests: Type.Integer({ default: 0, minimum: 0, description: 'requests per client connection before it closes; 0 = no limit' }),
      keepAliveMaxTime: Dur('0s', 'age after which a client connection closes after its current request; 0 = no limit'),
    },
    { default: {} },
  ),
  http2: Type.Object(
    {
      maxConcurrentStreams: Type.Integer({ default: 250, minimum: 1, maximum: 2 ** 31 - 1, description: 'HTTP/2 streams a client may have open at once on one connection' }),
    },
    { default: {} },
  ),
  udp: Type.Object({ timeout: Dur('3s', 'a UDP session (one client address) closes after this long without a datagram either way') }, { default: {} }),
});
