import { CONFIG_BAD_VALUE, describeValue, type DecodeIssue } from './decode-issue.js';
import { describeSchema, type SchemaNode } from './schema-shape.js';

export const FAIL: unique symbol = Symbol('decode-fail');
export type Decoded = unknown | typeof FAIL;

export interface WalkContext {
  issues: DecodeIssue[];
  /** false on the strict first pass over a union's members */
  coerce: boolean;
}

export function badValue(ctx: WalkContext, path: string, schema: SchemaNode, input: unknown, detail?: string): typeof FAIL {
  const expected = describeSchema(schema);
  const got = describeValue(input);
  const where = path === '' ? 'value' : path;
  ctx.issues.push({
    code: CONFIG_BAD_VALUE,
    path,
    expected,
    got,
    message: detail ? `${where}: ${detail}` : `${where}: expected ${expected}, got ${got}`,
  });
  return FAIL;
}

function parseBoolean(input: unknown): boolean | undefined {
  if (typeof input === 'boolean') return input;
  if (typeof input === 'string') {
    const text = input.trim().toLowerCase();
    if (text === 'true') return true;
    if (text === 'false') return false;
  }
  return undefined;
}

function parseNumber(input: unknown, coerce: boolean): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? input : undefined;
  if (coerce && typeof input === 'string' && input.trim() !== '') {
    const n = Number(input.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function checkRange(ctx: WalkContext, path: string, schema: SchemaNode, n: number): Decoded {
  if (schema.minimum !== undefined && n < schema.minimum) return badValue(ctx, path, schema, n, `${n} is below the minimum ${schema.minimum}`);
  if (schema.maximum !== undefined && n > schema.maximum) return badValue(ctx, path, schema, n, `${n} is above the maximum ${schema.maximum}`);
  if (schema.exclusiveMinimum !== undefined && n <= schema.exclusiveMinimum) {
    return badValue(ctx, path, schema, n, `${n} must be greater than ${schema.exclusiveMinimum}`);
  }
  if (schema.exclusiveMaximum !== undefined && n >= schema.exclusiveMaximum) {
    return badValue(ctx, path, schema, n, `${n} must be less than ${schema.exclusiveMaximum}`);
  }
  return n;
}

function decodeString(ctx: WalkContext, path: string, schema: SchemaNode, input: unknown): Decoded {
  let text: string | undefined;
  if (typeof input === 'string') text = input;
  else if (ctx.coerce && (typeof input === 'number' || typeof input === 'boolean')) text = String(input);
  if (text === undefined) return badValue(ctx, path, schema, input);
  if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(text)) return badValue(ctx, path, schema, input);
  if (schema.enum && !schema.enum.includes(text)) return badValue(ctx, path, schema, input);
  if (schema.minLength !== undefined && text.length < schema.minLength) {
    return badValue(ctx, path, schema, input, schema.minLength === 1 ? 'must not be empty' : `must be at least ${schema.minLength} characters`);
  }
  if (schema.maxLength !== undefined && text.length > schema.maxLength) {
    return badValue(ctx, path, schema, input, `must be at most ${schema.maxLength} characters`);
  }
  return text;
}

/** Strings, numbers, integers, booleans and literals, with string coercion as the schema wants. */
export function decodeScalar(ctx: WalkContext, path: string, schema: SchemaNode, input: unknown): Decoded {
  if (schema.const !== undefined) return decodeLiteral(ctx, path, schema, input);
  switch (schema.type) {
    case 'string':
      return decodeString(ctx, path, schema, input);
    case 'number':
    case 'integer': {
      const n = parseNumber(input, ctx.coerce);
      if (n === undefined || (schema.type === 'integer' && !Number.isInteger(n))) return badValue(ctx, path, schema, input);
      return checkRange(ctx, path, schema, n);
    }
    case 'boolean': {
      const b = typeof input === 'boolean' ? input : ctx.coerce ? parseBoolean(input) : undefined;
      return b === undefined ? badValue(ctx, path, schema, input) : b;
    }
    case 'null':
      return input === null ? null : badValue(ctx, path, schema, input);
    default:
      return input;
  }
}

function decodeLiteral(ctx: WalkContext, path: string, schema: SchemaNode, input: unknown): Decoded {
  const expected = schema.const;
  if (input === expected) return expected;
  if (typeof expected === 'string' && typeof input === 'string' && input.trim().toLowerCase() === expected.toLowerCase()) {
    return expected;
  }
  if (ctx.coerce && typeof expected === 'boolean' && parseBoolean(input) === expected) return expected;
  if (ctx.coerce && typeof expected === 'number' && parseNumber(input, true) === expected) return expected;
  return badValue(ctx, path, schema, input);
}
