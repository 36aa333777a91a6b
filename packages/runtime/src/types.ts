import type { HttpHandler } from '@wharf/config';
import type { MatchRequest, TcpConnectionInfo } from '@wharf/router';
import type { GenerationTls } from './compile/generation-tls.js';

export type { MatchRequest, TcpConnectionInfo } from '@wharf/router';

/** The router a request landed on, with its compiled chain (middlewares → service → balancer). */
export interface RouteMatch {
  /** qualified router name */
  router: string;
  /** qualified service name */
  service: string;
  handler: HttpHandler;
  /**
   * A TLS route: the option set its router resolved to on this entrypoint. A request on a
   * connection whose handshake used another set is refused with 421 (domain fronting: an SNI
   * without client authentication must not reach a host that requires it).
   */
  tlsOptions?: string;
}

/**
 * One compiled, immutable configuration. The proxy reads the current one per request
 * (`runtime.current()`), finishes in-flight requests on the old one after a swap.
 */
export interface GenerationHandle {
  readonly id: number;
  /**
   * undefined → 404 `404 page not found`. `tls`: the request came over TLS; routers with `tls`
   * serve only those, routers without only plaintext ones (Traefik's split).
   */
  route(entryPoint: string, req: MatchRequest, tls?: boolean): RouteMatch | undefined;
  /** certificates, option sets and SNI → option set per entrypoint; undefined when TLS is off */
  readonly tls?: GenerationTls;
  /** the entrypoint's TCP routes; undefined when it has none (then it is HTTP only) */
  tcp?(entryPoint: string): TcpEntryPointRoutes | undefined;
  /** the UDP entrypoint's router, if any */
  udpRoute?(entryPoint: string): UdpRoute | undefined;
}

/** What the proxy needs from the runtime: the current generation, read per request. */
export interface GenerationSource {
  current(): GenerationHandle;
}

/** One TCP server of a balancer, with how to reach it (Traefik's TCP servers transport). */
export interface TcpUpstream {
  /** `host:port` as configured */
  address: string;
  host: string;
  port: number;
  /** speak TLS to the server */
  tls: boolean;
  dialTimeoutMs: number;
  /** after one side's FIN, the other side is reaped after this long; < 0 = never */
  terminationDelayMs: number;
  /** PROXY protocol header sent to the server first */
  proxyProtocol?: 1 | 2;
  serverName?: string;
  insecureSkipVerify?: boolean;
}

/** What a TCP route does with a connection once its rule matched. */
export interface TcpRoute {
  router: string;
  service: string;
  /** none: plain TCP; passthrough: forward the TLS bytes; terminate: TLS here with `tlsOptions` */
  tls: 'none' | 'passthrough' | 'terminate';
  /** qualified TLS options name (`default` when unset) */
  tlsOptions: string;
  /** the router's middlewares: a release callback when admitted, undefined → close the connection */
  admit(clientIp: string): (() => void) | undefined;
  /** the next server (wrr), undefined when the service has none */
  pick(): TcpUpstream | undefined;
}

export interface TcpEntryPointRoutes {
  /** only non-TLS routes: hand the connection over without reading a byte */
  readonly plainOnly: boolean;
  route(conn: TcpConnectionInfo): TcpRoute | undefined;
  /** the ClientHello after a Postgres SSLRequest: TLS TCP routes only; undefined → close */
  routePostgres(conn: TcpConnectionInfo): TcpRoute | undefined;
}

export interface UdpRoute {
  router: string;
  service: string;
  /** the server for a new session (wrr per session) */
  pick(): { address: string; host: string; port: number } | undefined;
}

/**
 * An entrypoint's HTTPS routers as TCP routing sees them before decrypting (Traefik's `muxerHTTPS`):
 * the hosts of their `Host` rules, and whether one has no host (then it catches every SNI).
 */
export interface HttpsServerNames {
  /** an HTTPS router on the entrypoint has this host (exact, or a one-label wildcard) */
  has(serverName: string): boolean;
  /** an HTTPS router on the entrypoint has no host in its rule */
  readonly catchAll: boolean;
}
