import type { DynamicConfig, RuleSyntax } from '@wharf/config';
import type { RuntimeDeps } from '../deps.js';
import { addError, isDisabled, reasonOf } from './element-state.js';
import { validateTcp } from './tcp.js';
import { validateUdp } from './udp.js';
import { Messages } from './messages.js';
import { validateMiddlewareReferences, validateMiddlewareShape } from './middleware.js';
import { defaultEntryPoints, validateRouter } from './router.js';
import { applyEntryPointModels } from './entry-point-models.js';
import type { RouterMemo } from './router-memo.js';
import { validateCompositeChildren, validateServiceShape } from './service.js';
import { resolveTlsOptionConflicts } from './tls-option-conflicts.js';
import type { EntryPointSpec, ValidatedConfig, ValidatedRouter, ValidatedService } from './validated.js';

export interface ValidateOptions {
  entryPoints: EntryPointSpec[];
  defaultRuleSyntax: RuleSyntax;
  deps: Pick<RuntimeDeps, 'parseRule' | 'defaultPriority' | 'middlewares' | 'findMiddleware' | 'decodeOptions' | 'strategies' | 'findStrategy'>;
  /** qualified names of internal services routers may use (`api@internal`, `noop@internal`…) */
  internalServices: Iterable<string>;
  /** names of the `address=…/udp` entrypoints (UDP routers bind only there) */
  udpEntryPoints?: readonly string[];
  /** kept by the caller across generations: unchanged routers are not decoded and parsed again */
  memo?: RouterMemo;
}

function checkServiceMiddlewares(services: Record<string, ValidatedService>, result: ValidatedConfig): void {
  for (const svc of Object.values(services)) {
    for (const mw of svc.config.middlewares ?? []) {
      const target = result.middlewares[mw];
      if (!target) addError(svc, Messages.middlewareMissing(mw), true);
      else if (isDisabled(target)) addError(svc, Messages.middlewareDisabled(mw, reasonOf(target)), true);
    }
  }
}

/** Routers using each service and middleware (linear: 10,000 routers on one service stay cheap). */
function populateUsedBy(result: ValidatedConfig): void {
  const users = new Map<{ usedBy: string[] }, Set<string>>();
  const use = (element: { usedBy: string[] } | undefined, router: string): void => {
    if (!element) return;
    let set = users.get(element);
    if (!set) users.set(element, (set = new Set(element.usedBy)));
    set.add(router);
  };
  for (const r of Object.values(result.routers)) {
    use(r.config.service ? result.services[r.config.service] : undefined, r.name);
    for (const m of r.config.middlewares ?? []) use(result.middlewares[m], r.name);
  }
  for (const [element, set] of users) element.usedBy = [...set];
  for (const e of [...Object.values(result.services), ...Object.values(result.middlewares)]) e.usedBy.sort();
}

/**
 * Per-element validation of the merged config: never rejects the whole config. Invalid elements
 * are `disabled` with errors; referrers of disabled/missing elements are disabled too.
 */
export function validateConfig(config: DynamicConfig, opts: ValidateOptions): ValidatedConfig {
  const internal = new Set(opts.internalServices);
  const http: Partial<DynamicConfig['http']> = config.http ?? {};
  const result: ValidatedConfig = {
    routers: {},
    tlsConflicts: [],
    services: {},
    middlewares: {},
    internalServices: internal,
    ...validateTcp(config.tcp, opts.entryPoints),
    ...validateUdp(config.udp, opts.udpEntryPoints ?? []),
  };
  for (const [name, svc] of Object.entries(http.services ?? {})) result.services[name] = validateServiceShape(name, svc ?? {}, opts.deps);
  for (const [name, mw] of Object.entries(http.middlewares ?? {})) {
    result.middlewares[name] = validateMiddlewareShape(name, mw ?? {}, opts.deps);
  }
  validateMiddlewareReferences(result.middlewares, result.services, internal);
  checkServiceMiddlewares(result.services, result);
  validateCompositeChildren(result.services, internal);
  const ctx = { ...opts, deps: opts.deps, services: result.services, middlewares: result.middlewares, internalServices: internal };
  const routers = applyEntryPointModels(http.routers ?? {}, opts.entryPoints, defaultEntryPoints(opts.entryPoints));
  const validatedRouters: Record<string, ValidatedRouter> = {};
  for (const [name, router] of Object.entries(routers)) validatedRouters[name] = validateRouter(name, router ?? {}, ctx);
  opts.memo?.commit();
  const resolved = resolveTlsOptionConflicts(validatedRouters);
  result.routers = resolved.routers;
  result.tlsConflicts = resolved.conflicts;
  populateUsedBy(result);
  return result;
}
