/**
 * The L4 half of the contract: Traefik's `tcp:` and `udp:` dynamic configuration, typed.
 * Providers emit these with unqualified names; the aggregator qualifies them (`name@provider`).
 */
export interface TcpDomain {
  main?: string;
  sans?: string[];
}

export interface TcpRouterTls {
  /** forward the encrypted bytes unchanged (no termination, no TLS options) */
  passthrough?: boolean;
  /** TLS options name (`default` unless given) */
  options?: string;
  certResolver?: string;
  domains?: TcpDomain[];
}

export interface TcpRouterConfig {
  entryPoints?: string[];
  rule?: string;
  service?: string;
  /** 0 or unset: the rule's length; exactly ``HostSNI(`*`)`` → -1 */
  priority?: number;
  middlewares?: string[];
  tls?: TcpRouterTls;
}

export interface TcpServer {
  /** `host:port` */
  address: string;
  /** speak TLS to this server */
  tls?: boolean;
}

/** Traefik's TCPServerHealthCheck: connect (+ `send`, + the reply starts with `expect`) within `timeout`. */
export interface TcpHealthCheck {
  /** probe this port instead of the server's (0 or unset: the server's) */
  port?: number;
  /** written once connected (at most 65535 bytes) */
  send?: string;
  /** the reply must start with it (at most 65535 bytes) */
  expect?: string;
  /** default 30s */
  interval?: string | number;
  /** while DOWN; default: `interval` */
  unhealthyInterval?: string | number;
  /** default 5s */
  timeout?: string | number;
}

export interface ProxyProtocolConfig {
  /** 1 (text) or 2 (binary, the default) */
  version?: number;
}

export interface TcpLoadBalancer {
  servers?: TcpServer[];
  serversTransport?: string;
  /** deprecated in Traefik (use a servers transport); still honoured */
  proxyProtocol?: ProxyProtocolConfig;
  /** ms; deprecated in Traefik; default 100, negative = never reap the half-closed side */
  terminationDelay?: number;
  healthCheck?: TcpHealthCheck;
}

export interface WeightedChild {
  name: string;
  weight?: number;
}

export interface TcpServiceConfig {
  loadBalancer?: TcpLoadBalancer;
  /** `healthCheck: {}` is accepted (Traefik: propagate children's status); wharf always skips a child with no UP server */
  weighted?: { services?: WeightedChild[]; healthCheck?: Record<string, never> };
}

export interface TcpMiddlewareConfig {
  ipAllowList?: { sourceRange?: string[] };
  /** deprecated spelling of ipAllowList */
  ipWhiteList?: { sourceRange?: string[] };
  inFlightConn?: { amount?: number };
}

export interface TcpServersTransport {
  dialTimeout?: string | number;
  dialKeepAlive?: string | number;
  terminationDelay?: string | number;
  proxyProtocol?: ProxyProtocolConfig;
  tls?: { serverName?: string; insecureSkipVerify?: boolean };
}

export interface TcpConfiguration {
  routers?: Record<string, TcpRouterConfig>;
  services?: Record<string, TcpServiceConfig>;
  middlewares?: Record<string, TcpMiddlewareConfig>;
  serversTransports?: Record<string, TcpServersTransport>;
}

export interface UdpRouterConfig {
  /** none: every UDP entrypoint */
  entryPoints?: string[];
  service?: string;
}

export interface UdpServiceConfig {
  loadBalancer?: { servers?: Array<{ address: string }> };
  weighted?: { services?: WeightedChild[] };
}

export interface UdpConfiguration {
  routers?: Record<string, UdpRouterConfig>;
  services?: Record<string, UdpServiceConfig>;
}
