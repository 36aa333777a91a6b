import type { MiddlewareConfig, RouterConfig, RouterTlsConfig, RuleSyntax, ServiceConfig, ServiceInfo } from '@wharf/config';
import type { TcpMiddlewareConfig, TcpRouterConfig, TcpServiceConfig, UdpRouterConfig, UdpServiceConfig } from '@wharf/config';
import type { MiddlewareDefinition } from '@wharf/middlewares';
import type { ParsedRule, ParsedTcpRule } from '@wharf/router';
import type { ServiceKindDefinition } from '../services/service-kind.js';
import type { ElementState } from './element-state.js';
import type { TlsOptionConflict } from './tls-option-conflicts.js';

type ServiceKind = ServiceInfo['type'];

export interface ValidatedRouter extends ElementState {
  name: string;
  provider: string;
  config: RouterConfig;
  /** valid entrypoints, sorted, unique */
  using: string[];
  priority: number;
  ruleSyntax: RuleSyntax;
  parsed?: ParsedRule;
  /** TLS routers: the option set it resolved to (Traefik's `ResolvedOptions`), `default` on a conflicted copy */
  tlsOptions?: string;
}

export interface ValidatedService extends ElementState {
  name: string;
  provider: string;
  config: ServiceConfig;
  /** undefined when the service has no (or several) types */
  kind?: ServiceKind;
  /** the kind's definition (same condition as `kind`) */
  definition?: ServiceKindDefinition;
  usedBy: string[];
}

export interface ValidatedMiddleware extends ElementState {
  name: string;
  provider: string;
  config: MiddlewareConfig;
  /** the key as written (e.g. `stripprefix` from labels) */
  key?: string;
  definition?: MiddlewareDefinition;
  /** decoded options (valid when enabled) */
  options?: unknown;
  usedBy: string[];
}

/** A TCP/UDP service or TCP middleware after validation: its kind when the shape is valid. */
export interface ValidatedL4<C, K extends string> extends ElementState {
  name: string;
  provider: string;
  config: C;
  kind?: K;
  usedBy: string[];
}

export type ValidatedTcpService = ValidatedL4<TcpServiceConfig, 'loadbalancer' | 'weighted'>;
export type ValidatedUdpService = ValidatedL4<UdpServiceConfig, 'loadbalancer' | 'weighted'>;
export type ValidatedTcpMiddleware = ValidatedL4<TcpMiddlewareConfig, 'ipallowlist' | 'inflightconn'>;

export interface ValidatedTcpRouter extends ElementState {
  name: string;
  provider: string;
  config: TcpRouterConfig;
  /** valid entrypoints, sorted, unique */
  using: string[];
  priority: number;
  parsed?: ParsedTcpRule;
}

export interface ValidatedUdpRouter extends ElementState {
  name: string;
  provider: string;
  config: UdpRouterConfig;
  using: string[];
}

/** The merged config after per-element validation: every element with its status and errors. */
export interface ValidatedConfig {
  routers: Record<string, ValidatedRouter>;
  services: Record<string, ValidatedService>;
  middlewares: Record<string, ValidatedMiddleware>;
  /** internal services (`api@internal`…) that routers may reference */
  internalServices: Set<string>;
  tcpRouters: Record<string, ValidatedTcpRouter>;
  tcpServices: Record<string, ValidatedTcpService>;
  tcpMiddlewares: Record<string, ValidatedTcpMiddleware>;
  udpRouters: Record<string, ValidatedUdpRouter>;
  udpServices: Record<string, ValidatedUdpService>;
  /** routers that lost an entrypoint to a TLS options conflict (Traefik's `-conflicted-` copies) */
  tlsConflicts: TlsOptionConflict[];
}

export interface EntryPointSpec {
  name: string;
  address: string;
  asDefault?: boolean;
  /** static `entryPoints.<n>.http.middlewares`: prepended to every router on this entrypoint */
  middlewares?: string[];
  /** static `entryPoints.<n>.http.tls`: every router of the entrypoint without its own `tls` gets it */
  tls?: RouterTlsConfig;
  /** TCP routers also see ClientHellos offering `acme-tls/1` (Traefik's ACME TLS passthrough; default: wharf answers them first) */
  acmeTlsPassthrough?: boolean;
}
