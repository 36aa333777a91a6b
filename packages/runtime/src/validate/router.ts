import { splitQualified } from '@wharf/config';
import type { RouterConfig, RuleSyntax } from '@wharf/config';
import type { RuntimeDeps } from '../deps.js';
import { addError, isDisabled, newState, reasonOf } from './element-state.js';
import { Messages } from './messages.js';
import { checkRouterSchema } from './schema-check.js';
import type { RouterMemo } from './router-memo.js';
import type { EntryPointSpec, ValidatedMiddleware, ValidatedRouter, ValidatedService } from './validated.js';

/** Traefik's max user-defined priority: MaxInt64 − 1000. */
export const MAX_USER_PRIORITY = 9223372036854775807n - 1000n;

export interface RouterContext {
  entryPoints: EntryPointSpec[];
  defaultRuleSyntax: RuleSyntax;
  deps: Pick<RuntimeDeps, 'parseRule' | 'defaultPriority' | 'decodeOptions'>;
  services: Record<string, ValidatedService>;
  middlewares: Record<string, ValidatedMiddleware>;
  internalServices: Set<string>;
  /** decoded configs and parsed rules of the previous generation, reused when unchanged */
  memo?: RouterMemo;
}

/** Routers without entryPoints bind to the `asDefault` ones, or else every non-`traefik` one. */
export function defaultEntryPoints(eps: EntryPointSpec[]): string[] {
  const marked = eps.filter((e) => e.asDefault);
  return (marked.length > 0 ? marked : eps.filter((e) => e.name !== 'traefik')).map((e) => e.name);
}

function checkEntryPoints(v: ValidatedRouter, ctx: RouterContext): void {
  const known = new Set(ctx.entryPoints.map((e) => e.name));
  const wanted = v.config.entryPoints && v.config.entryPoints.length > 0 ? v.config.entryPoints : defaultEntryPoints(ctx.entryPoints);
  for (const ep of wanted) if (!known.has(ep)) addError(v, Messages.entryPointMissing(ep), false);
  v.using = [...new Set(wanted.filter((ep) => known.has(ep)))].sort();
  if (v.using.length === 0) addError(v, Messages.noEntryPoint(), true);
}

function checkRule(v: ValidatedRouter, ctx: RouterContext): void {
  const rule = v.config.rule;
  if (typeof rule !== 'string' || rule.trim() === '') return addError(v, Messages.ruleMissing(), true);
  try {
    const syntax = v.ruleSyntax;
    v.parsed = ctx.memo ? ctx.memo.parse(rule, syntax, () => ctx.deps.parseRule(rule, syntax)) : ctx.deps.parseRule(rule, syntax);
  } catch (err) {
    addError(v, Messages.ruleInvalid(rule, err instanceof Error ? err.message : String(err)), true);
  }
  const explicit = v.config.priority;
  if (typeof explicit === 'number' && explicit !== 0) {
    v.priority = explicit;
    if (Number.isFinite(explicit) && BigInt(Math.trunc(explicit)) > MAX_USER_PRIORITY) {
      addError(v, Messages.priorityTooHigh(explicit, MAX_USER_PRIORITY.toString()), true);
    }
  } else {
    v.priority = ctx.deps.defaultPriority(rule);
  }
}

function checkMiddleware(v: ValidatedRouter, name: string, ctx: RouterContext): void {
  const mw = ctx.middlewares[name];
  if (!mw) addError(v, Messages.middlewareMissing(name), true);
  else if (isDisabled(mw)) addError(v, Messages.middlewareDisabled(name, reasonOf(mw)), true);
}

function checkReferences(v: ValidatedRouter, ctx: RouterContext): void {
  const service = v.config.service;
  if (!service) addError(v, Messages.routerNoService(), true);
  else if (!ctx.services[service] && !ctx.internalServices.has(service)) addError(v, Messages.serviceMissing(service), true);
  else if (isDisabled(ctx.services[service])) addError(v, Messages.serviceDisabled(service, reasonOf(ctx.services[service]!)), true);
  // entrypoint middlewares are in the list already (applyEntryPointModels)
  for (const mw of v.config.middlewares ?? []) checkMiddleware(v, mw, ctx);
}

/** One router: entrypoints, rule, priority, service and middleware references. */
export function validateRouter(name: string, config: RouterConfig, ctx: RouterContext): ValidatedRouter {
  const v: ValidatedRouter = {
    ...newState(),
    name,
    provider: splitQualified(name).provider,
    config,
    using: [],
    priority: 0,
    ruleSyntax: config.ruleSyntax ?? ctx.defaultRuleSyntax,
  };
  const check = () => checkRouterSchema(v, ctx.deps.decodeOptions, v.name.slice(0, v.name.length - v.provider.length - 1), config);
  const decoded = ctx.memo ? ctx.memo.decode(name, config, check) : check();
  if (!decoded) return v;
  v.config = decoded;
  v.ruleSyntax = decoded.ruleSyntax ?? ctx.defaultRuleSyntax;
  checkEntryPoints(v, ctx);
  checkRule(v, ctx);
  checkReferences(v, ctx);
  return v;
}
