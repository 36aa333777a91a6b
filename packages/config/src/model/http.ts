/**
 * The dynamic HTTP configuration model: Traefik's vocabulary, one object per element.
 * This is the single contract between providers, the aggregator, the API and the dashboard.
 * Shapes mirror Traefik's file-provider format (camelCase keys); durations are Traefik
 * durations (`"10s"`, `"100ms"`, or a number of seconds).
 */
export type Duration = string | number;

export interface HttpConfiguration {
  routers: Record<string, RouterConfig>;
  services: Record<string, ServiceConfig>;
  middlewares: Record<string, MiddlewareConfig>;
  serversTransports?: Record<string, ServersTransportConfig>;
}

export type RuleSyntax = 'v2' | 'v3';

export interface RouterConfig {
  rule?: string;
  ruleSyntax?: RuleSyntax;
  entryPoints?: string[];
  middlewares?: string[];
  service?: string;
  /** 0 or absent = rule length. */
  priority?: number;
  tls?: RouterTlsConfig;
  observability?: RouterObservabilityConfig;
}

export interface RouterTlsConfig {
  options?: string;
  certResolver?: string;
  domains?: Array<{ main?: string; sans?: string[] }>;
}

export interface RouterObservabilityConfig {
  accessLogs?: boolean;
  metrics?: boolean;
  tracing?: boolean;
  traceVerbosity?: 'minimal' | 'detailed';
}

/** Exactly one of loadBalancer / weighted / mirroring / failover must be set. */
export interface ServiceConfig {
  loadBalancer?: LoadBalancerConfig;
  weighted?: WeightedServiceConfig;
  mirroring?: MirroringServiceConfig;
  failover?: FailoverServiceConfig;
  middlewares?: string[];
}

export interface LoadBalancerConfig {
  servers?: ServerConfig[];
  /**
   * A balancing strategy by name (`wrr`, `p2c`, …): the names and the default live in the load
   * balancer's strategy registry; the runtime checks the name per element.
   */
  strategy?: string;
  sticky?: StickyConfig;
  healthCheck?: HealthCheckConfig;
  passiveHealthCheck?: PassiveHealthCheckConfig;
  /** default true */
  passHostHeader?: boolean;
  responseForwarding?: { flushInterval?: Duration };
  serversTransport?: string;
}

export interface ServerConfig {
  url: string;
  /** default 1; 0 = never picked */
  weight?: number;
  preservePath?: boolean;
}

export interface StickyConfig {
  cookie?: StickyCookieConfig;
}

export interface StickyCookieConfig {
  name?: string;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: 'none' | 'lax' | 'strict' | '';
  /** seconds; 0 = no Max-Age, < 0 = expire now */
  maxAge?: number;
  path?: string;
  domain?: string;
}

export interface HealthCheckConfig {
  path?: string;
  port?: number;
  scheme?: string;
  hostname?: string;
  headers?: Record<string, string>;
  method?: string;
  /** exact expected status; otherwise 2xx/3xx is healthy */
  status?: number;
  interval?: Duration;
  unhealthyInterval?: Duration;
  timeout?: Duration;
  followRedirects?: boolean;
  mode?: 'http' | 'grpc';
  /** wharf: consecutive successes before UP (default 1) */
  rise?: number;
  /** wharf: consecutive failures before DOWN (default 1) */
  fall?: number;
}

export interface PassiveHealthCheckConfig {
  failureWindow?: Duration;
  maxFailedAttempts?: number;
  /** wharf: never eject more than this share of servers, percent (default 50) */
  maxEjectionPercent?: number;
}

export interface WeightedServiceConfig {
  services?: Array<{ name: string; weight?: number }>;
  sticky?: StickyConfig;
  healthCheck?: Record<string, never>;
}

export interface MirroringServiceConfig {
  service?: string;
  mirrorBody?: boolean;
  maxBodySize?: number;
  mirrors?: Array<{ name: string; percent?: number }>;
  healthCheck?: Record<string, never>;
}

export interface FailoverServiceConfig {
  service?: string;
  fallback?: string;
  healthCheck?: Record<string, never>;
}

/**
 * A middleware is a one-key object: `{ stripPrefix: { prefixes: ['/a'] } }`. The key names the
 * type; the value's shape is owned by that middleware's schema (packages/middlewares).
 */
export type MiddlewareConfig = Record<string, unknown>;

export interface ServersTransportConfig {
  serverName?: string;
  insecureSkipVerify?: boolean;
  maxIdleConnsPerHost?: number;
  forwardingTimeouts?: { dialTimeout?: Duration; responseHeaderTimeout?: Duration; idleConnTimeout?: Duration };
}
