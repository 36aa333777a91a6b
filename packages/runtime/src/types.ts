import type { HttpHandler } from '@wharf/config';
import type { MatchRequest } from '@wharf/router';
import type { GenerationTls } from './compile/generation-tls.js';

export type { MatchRequest } from '@wharf/router';

/** The router a request landed on, with its compiled chain (middlewares → service → balancer). */
export interface RouteMatch {
  /** qualified router name */
  router: string;
  /** qualified service name */
  service: string;
  handler: HttpHandler;
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
}

/** What the proxy needs from the runtime: the current generation, read per request. */
export interface GenerationSource {
  current(): GenerationHandle;
}
