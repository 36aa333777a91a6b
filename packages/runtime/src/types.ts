import type { HttpHandler } from '@wharf/config';
import type { MatchRequest } from '@wharf/router';

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
  /** undefined → 404 `404 page not found` */
  route(entryPoint: string, req: MatchRequest): RouteMatch | undefined;
}

/** What the proxy needs from the runtime: the current generation, read per request. */
export interface GenerationSource {
  current(): GenerationHandle;
}
