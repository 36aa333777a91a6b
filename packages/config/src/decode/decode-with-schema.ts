import type { Static, TSchema } from '@sinclair/typebox';
import {
  CONFIG_BAD_VALUE,
  CONFIG_MISSING_KEY,
  CONFIG_UNKNOWN_KEY,
  joinPath,
  type DecodeOptions,
  type DecodeResult,
} from './decode-issue.js';
import { badValue, decodeScalar, FAIL, type Decoded, type WalkContext } from './decode-scalar.js';
import type { Duration } from '../model/http.js';
import { durationRangeProblem, parseDuration } from './duration.js';
import { isDurationSchema, isLiteral, isObjectSchema, recordValueSchema, type SchemaNode } from './schema-shape.js';
import { suggest } from './suggest.js';

/** Returned for a presence object set to `false`: the key is dropped. */
const OMIT: unique symbol = Symbol('decode-omit');

/**
 * Schema-driven decoding shared by file config, labels, flags, env and middleware options:
 * keys match schema properties case-insensitively (Record keys keep their case), strings are
 * coerced to what the schema wants, `"true"` enables a presence object, unknown keys and wrong
 * types become issues with the full path. `value` is undefined when there is any issue.
 */
export function decodeWithSchema<S extends TSchema, T = Static<S>>(
  schema: S,
  input: unknown,
  opts: DecodeOptions = {},
): DecodeResult<T> {
  const ctx: WalkContext = { issues: [], coerce: true };
  const out = decodeNode(ctx, opts.path ?? '', schema as SchemaNode, input);
  if (ctx.issues.length > 0 || out === FAIL) return { value: undefined, issues: ctx.issues };
  return { value: (out === OMIT ? undefined : out) as T, issues: [] };
}

function decodeNode(ctx: WalkContext, path: string, schema: SchemaNode, input: unknown): Decoded | typeof OMIT {
  const out = decodeShape(ctx, path, schema, input);
  if (out === FAIL || out === OMIT || !isDurationSchema(schema)) return out;
  return checkDurationRange(ctx, path, schema, out);
}

/** Negative durations and durations past what timers hold are refused where they are written. */
function checkDurationRange(ctx: WalkContext, path: string, schema: SchemaNode, value: unknown): Decoded {
  let ms: number;
  try {
    ms = parseDuration(value as Duration);
  } catch {
    return badValue(ctx, path, schema, value);
  }
  const range = durationRangeProblem(ms);
  if (range === undefined) return value;
  const where = path === '' ? 'value' : path;
  const got = JSON.stringify(value);
  ctx.issues.push({ code: CONFIG_BAD_VALUE, path, expected: range.expected, got, message: `${where}: ${String(value)} ${range.problem}` });
  return FAIL;
}

function decodeShape(ctx: WalkContext, path: string, schema: SchemaNode, input: unknown): Decoded | typeof OMIT {
  // YAML `key:` with no value: absent, except for presence objects (`ping:` enables ping)
  if ((input === null || input === undefined) && !isObjectSchema(schema) && schema.type !== 'null') {
    if (!schema.anyOf?.some(isObjectSchema)) return OMIT;
  }
  if (schema.anyOf) return decodeUnion(ctx, path, schema, input);
  if (isObjectSchema(schema)) return decodeObject(ctx, path, schema, input);
  if (schema.type === 'array') return decodeArray(ctx, path, schema, input);
  if (schema.type === undefined && schema.const === undefined) return cloneLoose(input);
  return decodeScalar(ctx, path, schema, input);
}

function cloneLoose(input: unknown): unknown {
  if (Array.isArray(input)) return input.map(cloneLoose);
  if (input !== null && typeof input === 'object') {
    return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, cloneLoose(v)]));
  }
  return input;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function presence(ctx: WalkContext, input: unknown): Record<string, unknown> | typeof OMIT | undefined {
  if (input === null || input === true) return {};
  if (input === false) return OMIT;
  if (ctx.coerce && typeof input === 'string') {
    const text = input.trim().toLowerCase();
    if (text === 'true' || text === '') return {};
    if (text === 'false') return OMIT;
  }
  return undefined;
}

/**
 * Labels may spell one option key in several cases (`…loadbalancer.server.port` and
 * `…LoadBalancer.sticky=true`): Traefik merges them. Object values of case variants of a known
 * property are merged into the first spelling; scalar duplicates stay separate and are reported.
 */
function mergeCaseVariants(input: Record<string, unknown>, byLower: Map<string, string>): Array<[string, unknown]> {
  const firstKey = new Map<string, string>();
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(input)) {
    const prop = byLower.get(key.toLowerCase());
    const first = prop === undefined ? undefined : firstKey.get(prop);
    const earlier = first === undefined ? undefined : out.get(first);
    if (first !== undefined && isPlainObject(earlier) && isPlainObject(value)) {
      out.set(first, mergeObjects(earlier, value));
      continue;
    }
    if (prop !== undefined && first === undefined) firstKey.set(prop, key);
    out.set(key, value);
  }
  return [...out];
}

function mergeObjects(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = merged[k];
    if (isPlainObject(prev) && isPlainObject(v)) merged[k] = mergeObjects(prev, v);
    else if (!(k in merged)) merged[k] = v;
    // the same leaf under two spellings of its parent: the first spelling wins
  }
  return merged;
}

function decodeObject(ctx: WalkContext, path: string, schema: SchemaNode, raw: unknown): Decoded | typeof OMIT {
  const pres = presence(ctx, raw);
  if (pres === OMIT) return OMIT;
  const input = pres ?? raw;
  if (!isPlainObject(input)) return badValue(ctx, path, schema, raw);
  const props = schema.properties ?? {};
  const byLower = new Map(Object.keys(props).map((k) => [k.toLowerCase(), k]));
  const extra = recordValueSchema(schema);
  const out: Record<string, unknown> = {};
  const seenAs = new Map<string, string>();
  let failed = false;
  for (const [key, value] of mergeCaseVariants(input, byLower)) {
    const childPath = joinPath(path, key);
    const prop = byLower.get(key.toLowerCase());
    let decoded: Decoded | typeof OMIT;
    if (prop !== undefined) {
      const earlier = seenAs.get(prop);
      if (earlier !== undefined) {
        badValue(ctx, childPath, props[prop]!, value, `"${key}" is set twice (also as "${earlier}")`);
        failed = true;
        continue;
      }
      seenAs.set(prop, key);
      decoded = decodeNode(ctx, childPath, props[prop]!, value);
      if (decoded !== FAIL && decoded !== OMIT) out[prop] = decoded;
    } else if (extra !== undefined) {
      decoded = extra === true ? cloneLoose(value) : decodeNode(ctx, childPath, extra, value);
      if (decoded !== FAIL && decoded !== OMIT) out[key] = decoded;
    } else {
      unknownKey(ctx, childPath, key, Object.keys(props));
      decoded = FAIL;
    }
    if (decoded === FAIL) failed = true;
  }
  fillDefaults(ctx, path, props, out, seenAs);
  if (!checkObjectBounds(ctx, path, schema, out, failed ? seenAs : undefined)) failed = true;
  return failed ? FAIL : out;
}

/**
 * Absent properties whose schema carries a `default` get it, decoded through that schema, so an
 * object default (`{}`) picks up its own fields' defaults.
 */
function fillDefaults(
  ctx: WalkContext,
  path: string,
  props: Record<string, SchemaNode>,
  out: Record<string, unknown>,
  seen: Map<string, string>,
): void {
  for (const [name, prop] of Object.entries(props)) {
    const fallback = (prop as { default?: unknown }).default;
    if (fallback === undefined || out[name] !== undefined || seen.has(name)) continue;
    const decoded = decodeNode(ctx, joinPath(path, name), prop, structuredClone(fallback));
    if (decoded !== FAIL && decoded !== OMIT) out[name] = decoded;
  }
}

function unknownKey(ctx: WalkContext, path: string, key: string, candidates: string[]): void {
  const suggestion = suggest(key, candidates);
  ctx.issues.push({
    code: CONFIG_UNKNOWN_KEY,
    path,
    message: `unknown key ${path}${suggestion ? `: did you mean "${suggestion}"?` : ''}`,
    ...(suggestion ? { suggestion } : {}),
  });
}

/** `attempted` is set when a child already failed: only then are key counts skipped. */
function checkObjectBounds(
  ctx: WalkContext,
  path: string,
  schema: SchemaNode,
  out: Record<string, unknown>,
  attempted?: Map<string, string>,
): boolean {
  let ok = true;
  for (const req of schema.required ?? []) {
    if (out[req] !== undefined || attempted?.has(req)) continue;
    const childPath = joinPath(path, req);
    ctx.issues.push({ code: CONFIG_MISSING_KEY, path: childPath, message: `${childPath} is required` });
    ok = false;
  }
  if (attempted) return ok;
  const count = Object.keys(out).length;
  if (schema.minProperties !== undefined && count < schema.minProperties) {
    badValue(ctx, path, schema, out, `expected at least ${schema.minProperties} key(s), got ${count}`);
    ok = false;
  }
  if (schema.maxProperties !== undefined && count > schema.maxProperties) {
    const keys = Object.keys(out).join(', ');
    badValue(ctx, path, schema, out, `expected at most ${schema.maxProperties} key(s), got ${count} (${keys})`);
    ok = false;
  }
  return ok;
}

function decodeArray(ctx: WalkContext, path: string, schema: SchemaNode, raw: unknown): Decoded {
  const itemSchema = schema.items ?? ({} as SchemaNode);
  let input: unknown[];
  if (Array.isArray(raw)) input = raw;
  else if (ctx.coerce && typeof raw === 'string' && !isObjectSchema(itemSchema)) {
    input = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  } else if (ctx.coerce && raw !== null && typeof raw !== 'object') input = [raw];
  else return badValue(ctx, path, schema, raw);
  const out: unknown[] = [];
  let failed = false;
  input.forEach((item, i) => {
    const decoded = decodeNode(ctx, joinPath(path, i), itemSchema, item);
    if (decoded === FAIL) failed = true;
    else if (decoded !== OMIT) out.push(decoded);
  });
  if (failed) return FAIL;
  if (schema.minItems !== undefined && out.length < schema.minItems) {
    return badValue(ctx, path, schema, raw, `expected at least ${schema.minItems} item(s), got ${out.length}`);
  }
  if (schema.maxItems !== undefined && out.length > schema.maxItems) {
    return badValue(ctx, path, schema, raw, `expected at most ${schema.maxItems} item(s), got ${out.length}`);
  }
  return out;
}

function decodeUnion(ctx: WalkContext, path: string, schema: SchemaNode, input: unknown): Decoded | typeof OMIT {
  const members = schema.anyOf ?? [];
  if (members.every(isLiteral)) {
    for (const member of members) {
      const scratch: WalkContext = { issues: [], coerce: ctx.coerce };
      const out = decodeScalar(scratch, path, member, input);
      if (out !== FAIL) return out;
    }
    return badValue(ctx, path, schema, input);
  }
  const passes = ctx.coerce ? [false, true] : [false];
  let closest: WalkContext | undefined;
  for (const coerce of passes) {
    for (const member of members) {
      const scratch: WalkContext = { issues: [], coerce };
      const out = decodeShape(scratch, path, member, input);
      if (out !== FAIL && scratch.issues.length === 0) return out;
      if (coerce === passes.at(-1) && isPlainObject(input) && isObjectSchema(member)) closest ??= scratch;
    }
  }
  if (closest) {
    ctx.issues.push(...closest.issues);
    return FAIL;
  }
  return badValue(ctx, path, schema, input);
}
