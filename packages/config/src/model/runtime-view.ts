import type { Diagnostic } from './diagnostic.js';
import type { ProviderState } from './provider.js';
import type { MiddlewareConfig, RouterConfig, ServiceConfig } from './http.js';
import type { TrafficSnapshot } from './traffic.js';
import type { TcpMiddlewareInfo, TcpRouterInfo, TcpServiceInfo, UdpRouterInfo, UdpServiceInfo } from './l4-runtime-view.js';

/**
 * The read-only view the API and the dashboard serve (Traefik's runtime "…Info" objects plus
 * wharf's health and diagnostics). Built by `runtime` per generation; server health is live.
 */
export type ElementStatus = 'enabled' | 'warning' | 'disabled';
export type ServerState = 'UP' | 'DOWN';
export type ServiceHealth = 'healthy' | 'degraded' | 'down' | 'unknown';

/** What every runtime element reports: qualified name, provider, status and its errors. */
export interface ElementInfo {
  /** qualified `name@provider` */
  name: string;
  provider: string;
  status: ElementStatus;
  error?: string[];
}

export interface RouterInfo extends RouterConfig, ElementInfo {
  /** entrypoints actually bound (sorted, unique) */
  using: string[];
  priority: number;
  priorityStr?: string;
}

export interface ServerHealthInfo {
  url: string;
  state: ServerState;
  /** ISO time of the last active check, if any */
  lastCheck?: string;
  /** e.g. `200`, `connect ECONNREFUSED`, `timeout` */
  lastResult?: string;
  /** set while a passive ejection or a drain holds the server out */
  reason?: 'active-check' | 'passive' | 'draining' | 'initial';
}

export interface ServiceHealthInfo {
  state: ServiceHealth;
  serversUp: number;
  serversTotal: number;
  servers: ServerHealthInfo[];
}

export interface ServiceInfo extends ServiceConfig, ElementInfo {
  usedBy: string[];
  type: 'loadbalancer' | 'weighted' | 'mirroring' | 'failover';
  serverStatus?: Record<string, ServerState>;
  /** wharf: live health summary */
  health?: ServiceHealthInfo;
}

export interface MiddlewareInfo extends ElementInfo {
  usedBy: string[];
  type: string;
  /** the one-key options object, e.g. `{ stripPrefix: {...} }` spread in (Traefik shape) */
  [typeKey: string]: unknown;
}

/**
 * An entrypoint as Traefik's `/api/entrypoints` writes its static configuration: durations as Go
 * prints them (`1m0s`), blocks for the entrypoint's kind (TCP: transport, forwardedHeaders, http,
 * http2; UDP: udp).
 */
export interface EntryPointInfo {
  name: string;
  address: string;
  /** shown only when true (Traefik's `omitempty`) */
  allowACMEByPass?: boolean;
  transport?: {
    lifeCycle: { requestAcceptGraceTimeout: string; graceTimeOut: string };
    respondingTimeouts: { readTimeout: string; writeTimeout: string; idleTimeout: string };
    keepAliveMaxRequests?: number;
    keepAliveMaxTime?: string;
  };
  forwardedHeaders?: { insecure?: boolean; trustedIPs?: string[] };
  /** only when configured, as Traefik's `*ProxyProtocol` (omitempty) */
  proxyProtocol?: { insecure?: boolean; trustedIPs?: string[] };
  http?: {
    middlewares?: string[];
    tls?: { options?: string; certResolver?: string; domains?: Array<{ main?: string; sans?: string[] }> };
    redirections?: { entryPoint?: { to: string; scheme: string; permanent: boolean; priority?: number } };
    sanitizePath?: boolean;
    /** only when set */
    maxHeaderBytes?: number;
    /** only when not `keep` */
    underscoreHeadersStrategy?: 'keep' | 'delete' | 'reject';
    encodedCharacters?: Record<string, boolean>;
  };
  http2?: { maxConcurrentStreams: number };
  udp?: { timeout: string };
}

export interface RuntimeFeatures {
  tracing: string;
  metrics: string;
  accessLog: boolean;
}

export interface RuntimeView {
  generation: number;
  /** ISO time this generation was applied */
  appliedAt: string;
  entryPoints: EntryPointInfo[];
  routers: Record<string, RouterInfo>;
  services: Record<string, ServiceInfo>;
  middlewares: Record<string, MiddlewareInfo>;
  /** TCP/UDP elements (Traefik's TCPRouterInfo… shapes) */
  tcpRouters: Record<string, TcpRouterInfo>;
  tcpServices: Record<string, TcpServiceInfo>;
  tcpMiddlewares: Record<string, TcpMiddlewareInfo>;
  udpRouters: Record<string, UdpRouterInfo>;
  udpServices: Record<string, UdpServiceInfo>;
  /** every provider's diagnostics, latest snapshot each */
  diagnostics: Diagnostic[];
  /** provider names in use, e.g. ['docker', 'file'] */
  providers: string[];
  features: RuntimeFeatures;
}

/** Live changes, pushed to the API's event stream so clients never poll. */
export type RuntimeEvent =
  | { type: 'generation'; generation: number; appliedAt: string }
  | { type: 'router-status'; name: string; status: ElementStatus; error?: string[] }
  | { type: 'service-status'; name: string; status: ElementStatus; error?: string[] }
  | { type: 'server-state'; service: string; url: string; state: ServerState; lastResult?: string; at: string }
  | { type: 'diagnostics'; count: number }
  /** a provider connected, lost its source, reconnected or stopped (also sent on each snapshot) */
  | { type: 'provider-state'; state: ProviderState }
  /** live traffic summary, pushed every few seconds while someone listens */
  | { type: 'traffic'; snapshot: TrafficSnapshot };

/** Route tester: what would happen to a request (GET /api/wharf/match). */
export interface MatchQuery {
  entryPoint: string;
  /** `https://…` is tested against the TLS routers, `http://…` against the others (Traefik's split) */
  url: string;
  method?: string;
  headers?: Record<string, string>;
  clientIP?: string;
  /** HTTPS: the ClientHello's server name when it differs from the URL's host */
  sni?: string;
}

/** How an HTTPS request's handshake goes: the option set and the certificate SNI selects. */
export interface MatchTls {
  /** the server name the handshake is matched with ('' without SNI) */
  sni: string;
  /** the TLS options name (`default` unless a router on the entrypoint names another for this host) */
  options: string;
  /** the certificate served; absent when the handshake is refused (`refused` says why) */
  certificate?: MatchCertificate;
  refused?: string;
}

export interface MatchCertificate {
  /** the id of `/api/wharf/certificates/{id}` (SHA-256 fingerprint) */
  id: string;
  subject: string;
  sans: string[];
  /** `sni`: a SAN of the certificate matched (exact, then one-label wildcard); `default`: the store's default certificate */
  selectedBy: 'sni' | 'default';
}

export interface MatchCandidate {
  router: string;
  priority: number;
  matched: boolean;
  /** for a router that did not match: the matcher that failed, e.g. "Host(`a.example`)" */
  failedMatcher?: string;
}

export interface MatchExplanation {
  matched: boolean;
  router?: string;
  priority?: number;
  service?: string;
  middlewares?: string[];
  /** the server the balancer would pick now (without consuming a turn where possible) */
  server?: string;
  /** higher-priority routers that were tried first, and why they failed */
  tried: MatchCandidate[];
  /** reason when nothing matched or the pick failed */
  reason?: string;
  /** for an `https://` URL: the handshake's option set and certificate */
  tls?: MatchTls;
}

/** Route tester for a TCP connection (GET /api/wharf/match?proto=tcp). */
export interface TcpMatchQuery {
  entryPoint: string;
  /** the connection opens with a TLS ClientHello (default: when `sni` or `alpn` is given) */
  tls: boolean;
  /** the ClientHello's server name ('' for none) */
  sni: string;
  /** the ClientHello's ALPN protocols */
  alpn: string[];
  clientIP: string;
  /** the ClientHello follows a Postgres SSLRequest (STARTTLS): TLS TCP routers only; none matching closes the connection */
  postgres?: boolean;
}

/** What a TCP router does with the connection: forward the TLS bytes, terminate TLS here, or plain TCP. */
export type TcpMatchMode = 'passthrough' | 'terminated' | 'plain';

export interface TcpMatchExplanation {
  matched: boolean;
  router?: string;
  priority?: number;
  service?: string;
  mode?: TcpMatchMode;
  /** `terminated`: the handshake's option set and certificate (by SNI) */
  tls?: MatchTls;
  /**
   * false when the entrypoint has no TLS TCP routers: wharf then routes at once without reading a
   * byte (server-speaks-first protocols), so a TLS connection is matched as a plain one
   */
  peeked: boolean;
  /** routers of the connection's kind (TLS or plain) tried before the winner, in order */
  tried: MatchCandidate[];
  /** nothing matched and the entrypoint serves HTTP: the connection goes on to the HTTP(S) routers */
  fallback?: 'http';
  reason?: string;
}

/** What the API reads: the current generation's view, its events, and the route tester. */
export interface RuntimeSource {
  view(): RuntimeView;
  subscribe(listener: (event: RuntimeEvent) => void): () => void;
  explainMatch(query: MatchQuery): MatchExplanation;
  /** the TCP route tester (absent: the source has no TCP routing) */
  explainTcpMatch?(query: TcpMatchQuery): TcpMatchExplanation;
  /** every provider's runner state, in precedence order (absent: none known) */
  providerStates?(): ProviderState[];
  /** the current generation's certificates (absent: TLS not compiled) */
  certificates?(): WharfCertificate[];
  /** the same certificates as Traefik 3.7's `/api/certificates` items (parsed ones only) */
  traefikCertificates?(): TraefikCertificate[];
}

/** Where a certificate of `/api/wharf/certificates` comes from. */
export type WharfCertificateSource =
  | { kind: 'file'; path: string }
  | { kind: 'inline'; provider: string }
  | { kind: 'resolver'; resolver: string }
  | { kind: 'default' };

/** A router that a certificate of `/api/wharf/certificates` serves. */
export interface CertificateRouterRef {
  protocol: 'http' | 'tcp';
  /** qualified (`name@provider`) */
  name: string;
}

/** One item of `/api/wharf/certificates` (the dashboard's certificates page). */
export interface WharfCertificate {
  /** SHA-256 fingerprint, hex (the file path when the certificate could not be parsed) */
  id: string;
  subject: string;
  sans: string[];
  issuer: string;
  notBefore: string;
  notAfter: string;
  /** hex */
  serial: string;
  source: WharfCertificateSource;
  stores: string[];
  /** qualified names of the routers whose TLS hosts it serves (HTTP and TCP alike, sorted, once each) */
  routers: string[];
  /**
   * the same routers with their protocol, sorted by name then protocol: an HTTP and a TCP router
   * may share a name, and each has its own page (`/api/http/routers/…`, `/api/tcp/routers/…`)
   */
  servedRouters: CertificateRouterRef[];
  status: 'enabled' | 'warning' | 'disabled';
  warnings: string[];
  errors: string[];
}

/** One item of Traefik 3.7's `/api/certificates` (`pkg/api/certificate.go`). */
export interface TraefikCertificate {
  /** SHA-256 fingerprint of the DER certificate, hex */
  name: string;
  commonName: string;
  sans: string[];
  notBefore: string;
  notAfter: string;
  serialNumber: string;
  issuerOrg?: string;
  issuerCN?: string;
  issuerCountry?: string;
  organization?: string;
  country?: string;
  version: string;
  keyType: string;
  keySize?: number;
  signatureAlgorithm: string;
  certFingerprint: string;
  publicKeyFingerprint: string;
  status: 'enabled' | 'warning' | 'expired';
}
