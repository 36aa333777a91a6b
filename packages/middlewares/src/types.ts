import type { TSchema, Static } from '@sinclair/typebox';
import type { HttpStep, Logger, ServiceResolver } from '@wharf/config';

export interface MiddlewareContext {
  /** qualified middleware name, e.g. `auth@docker` */
  name: string;
  provider: string;
  /** aborted when the generation is retired (timers, redis connections, breakers) */
  signal: AbortSignal;
  /** for middlewares that call a service (errors, forwardAuth through a service) */
  resolveService: ServiceResolver;
  /** for `chain`: compiled steps of other middlewares (qualified or provider-local names); throws a coded error on unknown/cyclic */
  resolveMiddlewares(names: string[]): HttpStep[];
  /** request-path problems that are answered, not thrown (auth server down, redis down, error page failed); optional so contexts built without one still work */
  logger?: Logger;
}

/** One middleware type. `create` runs once per generation and returns a cheap per-request step. */
export interface MiddlewareDefinition<S extends TSchema = TSchema, K extends string = string> {
  /** canonical type key as in Traefik's file format, e.g. `stripPrefix` (matched case-insensitively) */
  key: K;
  /** options schema; label strings are coerced through it (see @wharf/config decode) */
  schema: S;
  /**
   * `router`: one instance per router that uses it (Traefik's circuit breaker watches each
   * router's own traffic); default: one instance per generation, shared by its routers.
   */
  scope?: 'generation' | 'router';
  create(options: Static<S>, ctx: MiddlewareContext): HttpStep;
}

export function defineMiddleware<S extends TSchema, const K extends string>(def: MiddlewareDefinition<S, K>): MiddlewareDefinition<S, K> {
  return def;
}
