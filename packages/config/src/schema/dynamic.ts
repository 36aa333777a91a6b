import { Type } from '@sinclair/typebox';
import { DurationSchema } from './duration.js';
import { RouterSchema } from './router.js';
import { ServiceSchema } from './service.js';
import { TlsConfigurationSchema } from './tls.js';

/**
 * Loose middleware spec: exactly one key (the type, e.g. `stripPrefix`) whose value is an
 * options object or `true`. The middleware's own schema validates the options (runtime).
 */
export const MiddlewareSpecSchema = Type.Record(
  Type.String(),
  Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Literal(true)]),
  { minProperties: 1, maxProperties: 1, description: 'expected: an object with exactly one middleware type key' },
);

/** `forwardingTimeouts` of a servers transport (dynamic) or of the static `serversTransport`. */
export const ForwardingTimeoutsSchema = Type.Object({
  dialTimeout: Type.Optional(DurationSchema),
  responseHeaderTimeout: Type.Optional(DurationSchema),
  idleConnTimeout: Type.Optional(DurationSchema),
});

export const ServersTransportSchema = Type.Object({
  serverName: Type.Optional(Type.String()),
  insecureSkipVerify: Type.Optional(Type.Boolean()),
  maxIdleConnsPerHost: Type.Optional(Type.Integer()),
  forwardingTimeouts: Type.Optional(ForwardingTimeoutsSchema),
});

const LooseElements = Type.Record(Type.String(), Type.Record(Type.String(), Type.Unknown()));


export const HttpConfigurationSchema = Type.Object({
  routers: Type.Optional(Type.Record(Type.String(), RouterSchema)),
  services: Type.Optional(Type.Record(Type.String(), ServiceSchema)),
  middlewares: Type.Optional(Type.Record(Type.String(), MiddlewareSpecSchema)),
  serversTransports: Type.Optional(Type.Record(Type.String(), ServersTransportSchema)),
});

export const TcpConfigurationSchema = Type.Object({
  routers: Type.Optional(LooseElements),
  services: Type.Optional(LooseElements),
  middlewares: Type.Optional(LooseElements),
  serversTransports: Type.Optional(LooseElements),
});

export const UdpConfigurationSchema = Type.Object({
  routers: Type.Optional(LooseElements),
  services: Type.Optional(LooseElements),
});

/** The whole dynamic configuration as written in a file (every section optional). */
export const DynamicConfigSchema = Type.Object({
  http: Type.Optional(HttpConfigurationSchema),
  tcp: Type.Optional(TcpConfigurationSchema),
  udp: Type.Optional(UdpConfigurationSchema),
  tls: Type.Optional(TlsConfigurationSchema),
});
