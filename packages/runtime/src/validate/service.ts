import { splitQualified, suggest } from '@wharf/config';
import type { ServiceConfig } from '@wharf/config';
import type { RuntimeDeps } from '../deps.js';
import { builtinServiceKinds, serviceKindsOf } from '../services/registry.js';
import { addError, isDisabled, newState, reasonOf } from './element-state.js';
import { checkServiceSchema } from './schema-check.js';
import { Messages } from './messages.js';
import type { ValidatedService } from './validated.js';

function checkServerURL(url: unknown): string | undefined {
  if (typeof url !== 'string' || url === '') return 'empty URL';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'invalid URL';
  }
  if (!['http:', 'https:', 'h2c:'].includes(parsed.protocol)) return `unsupported scheme "${parsed.protocol.slice(0, -1)}"`;
  if (parsed.hostname === '') return 'missing host';
  return undefined;
}

export type ServiceValidationDeps = Pick<RuntimeDeps, 'decodeOptions' | 'strategies' | 'findStrategy'>;

/**
 * `loadBalancer.strategy` against the strategy registry: an unknown name is a critical error with
 * the valid names and a "did you mean"; a known one is written in the registry's spelling.
 */
function checkStrategy(v: ValidatedService, config: ServiceConfig, deps: ServiceValidationDeps, name: string): ServiceConfig {
  const lb = config.loadBalancer;
  if (lb?.strategy === undefined) return config;
  const found = deps.findStrategy(lb.strategy);
  if (found === undefined) {
    const names = deps.strategies.map((s) => s.name);
    addError(v, Messages.unknownStrategy(`http.services.${name}.loadBalancer.strategy`, lb.strategy, names, suggest(lb.strategy.trim(), names)), true);
    return config;
  }
  return found.name === lb.strategy ? config : { ...config, loadBalancer: { ...lb, strategy: found.name } };
}

/** Element-local checks: exactly one kind, its schema, strategy, server URLs, required fields. */
export function validateServiceShape(name: string, raw: ServiceConfig, deps: ServiceValidationDeps): ValidatedService {
  const v: ValidatedService = { ...newState(), name, provider: splitQualified(name).provider, config: raw, usedBy: [] };
  const present = serviceKindsOf(raw);
  if (present.length === 0) addError(v, Messages.serviceNoType(builtinServiceKinds.map((k) => k.key)), true);
  if (present.length > 1) addError(v, Messages.multiTypesService(), true);
  if (present.length !== 1) return v;
  const definition = present[0]!;
  v.kind = definition.type;
  v.definition = definition;
  const decoded = checkServiceSchema(v, deps.decodeOptions, splitQualified(name).name, raw);
  if (!decoded) return v;
  const config = checkStrategy(v, decoded, deps, splitQualified(name).name);
  v.config = config;
  for (const server of config.loadBalancer?.servers ?? []) {
    const problem = checkServerURL(server?.url);
    if (problem) addError(v, Messages.serverURLInvalid(String(server?.url ?? ''), problem), true);
  }
  const fields = (config[definition.key] ?? {}) as Record<string, unknown>;
  for (const field of definition.required ?? []) {
    if (!fields[field]) addError(v, Messages.compositeMissingField(definition.key, field), true);
  }
  return v;
}

/** Child services a composite forwards to (main first): the first kind set that has members. */
function childServices(config: ServiceConfig): string[] {
  const kind = serviceKindsOf(config).find((k) => k.members !== undefined);
  return kind?.members ? kind.members(config[kind.key]!) : [];
}

/**
 * Composite references: a missing, disabled or cyclic child disables the composite (depth-first,
 * memoised, so `a → b → a` is reported once on each member).
 */
export function validateCompositeChildren(services: Record<string, ValidatedService>, internal: Set<string>): void {
  const done = new Set<string>();
  const visit = (name: string, stack: string[]): void => {
    const svc = services[name];
    if (!svc || done.has(name)) return;
    for (const child of childServices(svc.config)) {
      if (stack.includes(child)) {
        addError(svc, Messages.serviceCycle([...stack.slice(stack.indexOf(child)), child]), true);
        continue;
      }
      const target = services[child];
      if (!target) {
        if (!internal.has(child)) addError(svc, Messages.serviceMissing(child), true);
        continue;
      }
      visit(child, [...stack, child]);
      if (isDisabled(target)) addError(svc, Messages.serviceDisabled(child, reasonOf(target)), true);
    }
    done.add(name);
  };
  for (const name of Object.keys(services)) visit(name, [name]);
}
