import { qualify, splitQualified, suggest } from '@wharf/config';
import type { MiddlewareConfig } from '@wharf/config';
import type { MiddlewareDefinition } from '@wharf/middlewares';
import type { RuntimeDeps } from '../deps.js';
import { addError, isDisabled, newState, reasonOf } from './element-state.js';
import { Messages } from './messages.js';
import { withoutUndefined } from './schema-check.js';
import type { ValidatedMiddleware, ValidatedService } from './validated.js';

/** Type lookup (case-insensitive, with "did you mean") and options decoded by the definition's schema. */
export function validateMiddlewareShape(
  name: string,
  config: MiddlewareConfig,
  deps: Pick<RuntimeDeps, 'middlewares' | 'findMiddleware' | 'decodeOptions'>,
): ValidatedMiddleware {
  const v: ValidatedMiddleware = { ...newState(), name, provider: splitQualified(name).provider, config, usedBy: [] };
  const isObject = config !== null && typeof config === 'object' && !Array.isArray(config);
  const keys = isObject ? Object.keys(config).filter((k) => config[k] !== undefined) : [];
  if (keys.length === 0) addError(v, Messages.middlewareNoType(name), true);
  if (keys.length > 1) addError(v, Messages.multiTypesMiddleware(name), true);
  if (keys.length !== 1) return v;
  const key = keys[0]!;
  v.key = key;
  const def: MiddlewareDefinition | undefined = deps.findMiddleware(key);
  if (!def) {
    const suggestion = suggest(key, deps.middlewares.map((d) => d.key));
    addError(v, Messages.middlewareUnknownType(name, key, suggestion), true);
    return v;
  }
  v.definition = def;
  const raw = config[key] ?? {};
  const { value, issues } = deps.decodeOptions(def.schema, withoutUndefined(raw), `http.middlewares.${splitQualified(name).name}.${key}`);
  for (const issue of issues) addError(v, issue.message, true);
  if (issues.length === 0) v.options = value;
  return v;
}

function optionList(v: ValidatedMiddleware, field: string): string[] {
  const opts = (v.options ?? v.config[v.key ?? '']) as Record<string, unknown> | undefined;
  const value = opts?.[field];
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
}

function optionString(v: ValidatedMiddleware, field: string): string | undefined {
  const opts = (v.options ?? v.config[v.key ?? '']) as Record<string, unknown> | undefined;
  const value = opts?.[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Middlewares a chain includes, qualified into the chain's provider. */
function chainMembers(v: ValidatedMiddleware): string[] {
  return v.definition?.key.toLowerCase() === 'chain' ? optionList(v, 'middlewares').map((n) => qualify(n, v.provider)) : [];
}

/** Service an `errors` middleware calls. */
function errorsService(v: ValidatedMiddleware): string | undefined {
  const name = v.definition?.key.toLowerCase() === 'errors' ? optionString(v, 'service') : undefined;
  return name === undefined ? undefined : qualify(name, v.provider);
}

/** Cross-element checks: chain members exist, are enabled and acyclic; errors.service exists. */
export function validateMiddlewareReferences(
  middlewares: Record<string, ValidatedMiddleware>,
  services: Record<string, ValidatedService>,
  internal: Set<string>,
): void {
  for (const v of Object.values(middlewares)) {
    const svc = errorsService(v);
    if (svc && !services[svc] && !internal.has(svc)) addError(v, Messages.serviceMissing(svc), true);
  }
  const done = new Set<string>();
  const visit = (name: string, stack: string[]): void => {
    const v = middlewares[name];
    if (!v || done.has(name)) return;
    for (const member of chainMembers(v)) {
      if (stack.includes(member)) {
        addError(v, Messages.middlewareCycle([...stack.slice(stack.indexOf(member)), member]), true);
        continue;
      }
      const target = middlewares[member];
      if (!target) {
        addError(v, Messages.middlewareMissing(member), true);
        continue;
      }
      visit(member, [...stack, member]);
      if (isDisabled(target)) addError(v, Messages.middlewareDisabled(member, reasonOf(target)), true);
    }
    done.add(name);
  };
  for (const name of Object.keys(middlewares)) visit(name, [name]);
}
