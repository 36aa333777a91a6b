import { qualify } from '@wharf/config';
import type { HttpStep, ServiceResolver } from '@wharf/config';
import { RuntimeErrors } from '../errors.js';
import type { Logger as RuntimeLogger } from '@wharf/config';
import { addError, reasonOf } from '../validate/element-state.js';
import type { ValidatedMiddleware } from '../validate/validated.js';

export interface MiddlewareRegistryOptions {
  middlewares: Record<string, ValidatedMiddleware>;
  /** the generation's signal, handed to every middleware instance */
  signal: AbortSignal;
  resolveService: ServiceResolver;
  logger?: RuntimeLogger;
}

export interface MiddlewareRegistry {
  /**
   * The instance of one middleware, created once per generation (or once per router for
   * router-scoped definitions such as circuitBreaker); throws a coded error when unusable.
   */
  step(name: string, router?: string): HttpStep;
  steps(names: readonly string[], router?: string): HttpStep[];
}

/**
 * Instantiates middlewares once per generation (`definition.create(options, ctx)`), lazily and
 * cycle-safe. A `create` that throws disables the middleware with the error on its element.
 */
export function createMiddlewareRegistry(opts: MiddlewareRegistryOptions): MiddlewareRegistry {
  const cache = new Map<string, HttpStep>();
  const stack: string[] = [];

  function instantiate(v: ValidatedMiddleware): HttpStep {
    const def = v.definition!;
    stack.push(v.name);
    try {
      return def.create(v.options as never, {
        name: v.name,
        provider: v.provider,
        signal: opts.signal,
        ...(opts.logger ? { logger: opts.logger } : {}),
        resolveService: (n) => opts.resolveService(qualify(n, v.provider)),
        resolveMiddlewares: (names) => names.map((n) => registry.step(qualify(n, v.provider))),
      });
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === RuntimeErrors.middlewareCycle.code || code === RuntimeErrors.unknownMiddleware.code) throw err;
      addError(v, `cannot create middleware: ${err instanceof Error ? err.message : String(err)}`, true);
      throw RuntimeErrors.middlewareDisabled.withCause(err, v.name, reasonOf(v));
    } finally {
      stack.pop();
    }
  }

  const registry: MiddlewareRegistry = {
    step(name, router) {
      const scoped = router !== undefined && opts.middlewares[name]?.definition?.scope === 'router';
      const key = scoped ? `${name}\u0000${router}` : name;
      const hit = cache.get(key);
      if (hit) return hit;
      if (stack.includes(name)) throw RuntimeErrors.middlewareCycle([...stack, name].join(' -> '));
      const v = opts.middlewares[name];
      if (!v) throw RuntimeErrors.unknownMiddleware(name);
      if (v.status === 'disabled' || !v.definition) throw RuntimeErrors.middlewareDisabled(name, reasonOf(v));
      const step = instantiate(v);
      cache.set(key, step);
      return step;
    },
    steps: (names, router) => names.map((n) => registry.step(n, router)),
  };
  return registry;
}
