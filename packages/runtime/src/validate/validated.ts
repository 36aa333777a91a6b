import type { MiddlewareConfig, RouterConfig, RouterTlsConfig, RuleSyntax, ServiceConfig, ServiceInfo } from '@wharf/config';
import type { MiddlewareDefinition } from '@wharf/middlewares';
import type { ParsedRule } from '@wharf/router';
import type { ServiceKindDefinition } from '../services/service-kind.js';
import type { ElementState } from './element-state.js';

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

export interface ValidatedOther extends ElementState {
  name: string;
  provider: string;
  config: Record<string, unknown>;
}

/** The merged config after per-element validation: every element with its status and errors. */
export interface ValidatedConfig {
  routers: Record<string, ValidatedRouter>;
  services: Record<string, ValidatedService>;
  middlewares: Record<string, ValidatedMiddleware>;
  /** internal services (`api@internal`…) that routers may reference */
  internalServices: Set<string>;
  tcpRouters: Record<string, ValidatedOther>;
  tcpServices: Record<string, ValidatedOther>;
  tcpMiddlewares: Record<string, ValidatedOther>;
  udpRouters: Record<string, ValidatedOther>;
  udpServices: Record<string, ValidatedOther>;
}

export interface EntryPointSpec {
  name: string;
  address: string;
  asDefault?: boolean;
  /** static `entryPoints.<n>.http.middlewares`: prepended to every router on this entrypoint */
  middlewares?: string[];
  /** static `entryPoints.<n>.http.tls`: every router of the entrypoint without its own `tls` gets it */
  tls?: RouterTlsConfig;
}
