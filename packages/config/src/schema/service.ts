import { Type } from '@sinclair/typebox';
import { DurationSchema } from './duration.js';

const Str = () => Type.Optional(Type.String());
const EmptyObject = Type.Object({}, { additionalProperties: false });

export const ServerSchema = Type.Object({
  url: Type.String(),
  weight: Type.Optional(Type.Integer({ minimum: 0 })),
  preservePath: Type.Optional(Type.Boolean()),
});

export const StickyCookieSchema = Type.Object({
  name: Str(),
  secure: Type.Optional(Type.Boolean()),
  httpOnly: Type.Optional(Type.Boolean()),
  sameSite: Type.Optional(
    Type.Union([Type.Literal('none'), Type.Literal('lax'), Type.Literal('strict'), Type.Literal('')]),
  ),
  maxAge: Type.Optional(Type.Integer()),
  path: Str(),
  domain: Str(),
});

export const StickySchema = Type.Object({ cookie: Type.Optional(StickyCookieSchema) });

export const HealthCheckSchema = Type.Object({
  path: Str(),
  port: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
  scheme: Str(),
  hostname: Str(),
  headers: Type.Optional(Type.Record(Type.String(), Type.String())),
  method: Str(),
  status: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
  interval: Type.Optional(DurationSchema),
  unhealthyInterval: Type.Optional(DurationSchema),
  timeout: Type.Optional(DurationSchema),
  followRedirects: Type.Optional(Type.Boolean()),
  mode: Type.Optional(Type.Union([Type.Literal('http'), Type.Literal('grpc')])),
  rise: Type.Optional(Type.Integer({ minimum: 1 })),
  fall: Type.Optional(Type.Integer({ minimum: 1 })),
});

export const PassiveHealthCheckSchema = Type.Object({
  failureWindow: Type.Optional(DurationSchema),
  maxFailedAttempts: Type.Optional(Type.Integer({ minimum: 1 })),
  maxEjectionPercent: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
});

const loadBalancerFields = {
  /** a name from the load balancer's strategy registry (checked by the runtime, per element) */
  strategy: Str(),
  sticky: Type.Optional(StickySchema),
  healthCheck: Type.Optional(HealthCheckSchema),
  passiveHealthCheck: Type.Optional(PassiveHealthCheckSchema),
  passHostHeader: Type.Optional(Type.Boolean()),
  responseForwarding: Type.Optional(Type.Object({ flushInterval: Type.Optional(DurationSchema) })),
  serversTransport: Str(),
};

export const LoadBalancerSchema = Type.Object({
  servers: Type.Optional(Type.Array(ServerSchema)),
  ...loadBalancerFields,
});

export const WeightedSchema = Type.Object({
  services: Type.Optional(
    Type.Array(Type.Object({ name: Type.String(), weight: Type.Optional(Type.Integer({ minimum: 0 })) })),
  ),
  sticky: Type.Optional(StickySchema),
  healthCheck: Type.Optional(EmptyObject),
});

export const MirroringSchema = Type.Object({
  service: Str(),
  mirrorBody: Type.Optional(Type.Boolean()),
  maxBodySize: Type.Optional(Type.Integer()),
  mirrors: Type.Optional(
    Type.Array(Type.Object({ name: Type.String(), percent: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })) })),
  ),
  healthCheck: Type.Optional(EmptyObject),
});

export const FailoverSchema = Type.Object({
  service: Str(),
  fallback: Str(),
  healthCheck: Type.Optional(EmptyObject),
});

/** `ServiceConfig` (model/http.ts): exactly one of the four kinds. */
export const ServiceSchema = Type.Object(
  {
    loadBalancer: Type.Optional(LoadBalancerSchema),
    weighted: Type.Optional(WeightedSchema),
    mirroring: Type.Optional(MirroringSchema),
    failover: Type.Optional(FailoverSchema),
    middlewares: Type.Optional(Type.Array(Type.String())),
  },
  { minProperties: 1 },
);

/** Labels' singular server (`loadbalancer.server.*`); `url` excludes `port`/`scheme`. */
export const LabelServerSchema = Type.Object({
  port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
  scheme: Str(),
  url: Str(),
  weight: Type.Optional(Type.Integer({ minimum: 0 })),
  preservePath: Type.Optional(Type.Boolean()),
});

/** The label variant of a service: loadBalancer (+ singular `server`) and weighted (Traefik #5673). */
export const LabelServiceSchema = Type.Object({
  loadBalancer: Type.Optional(
    Type.Object({
      server: Type.Optional(LabelServerSchema),
      servers: Type.Optional(Type.Array(ServerSchema)),
      ...loadBalancerFields,
    }),
  ),
  weighted: Type.Optional(WeightedSchema),
  middlewares: Type.Optional(Type.Array(Type.String())),
});
