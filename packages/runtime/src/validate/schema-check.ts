import { RouterSchema, ServiceSchema } from '@wharf/config';
import type { RouterConfig, ServiceConfig } from '@wharf/config';
import type { DecodeMiddlewareOptions } from '../deps.js';
import { addError, type ElementState } from './element-state.js';

/** JSON semantics for configs built in code: a key set to `undefined` is an absent key. */
export function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = withoutUndefined(v);
  return out;
}

/**
 * Schema-level check of one element (providers already decode, but configs may also come from
 * code): issues become critical errors on the element; the decoded (coerced) value is returned.
 */
function check<T>(state: ElementState, decode: DecodeMiddlewareOptions, schema: Parameters<DecodeMiddlewareOptions>[0], raw: T, path: string): T | undefined {
  const { value, issues } = decode(schema, withoutUndefined(raw), path);
  for (const issue of issues) addError(state, issue.message, true);
  return issues.length === 0 ? (value as T) : undefined;
}

export function checkRouterSchema(state: ElementState, decode: DecodeMiddlewareOptions, name: string, raw: RouterConfig): RouterConfig | undefined {
  return check(state, decode, RouterSchema, raw, `http.routers.${name}`);
}

export function checkServiceSchema(state: ElementState, decode: DecodeMiddlewareOptions, name: string, raw: ServiceConfig): ServiceConfig | undefined {
  return check(state, decode, ServiceSchema, raw, `http.services.${name}`);
}
