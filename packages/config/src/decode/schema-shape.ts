import type { TSchema } from '@sinclair/typebox';
import { DURATION_PATTERN } from './duration.js';

/**
 * Reads the JSON-Schema shape of a TypeBox schema. The walker only relies on standard
 * keywords (type, properties, patternProperties, additionalProperties, items, anyOf, const),
 * so any TypeBox schema (or a hand-written JSON schema) works.
 */
export type SchemaNode = TSchema & {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  required?: string[];
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  const?: unknown;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minProperties?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  maxProperties?: number;
  description?: string;
};

export function isLiteral(schema: SchemaNode): boolean {
  return schema.const !== undefined;
}

export function isObjectSchema(schema: SchemaNode): boolean {
  return schema.type === 'object';
}

/** The value schema of a Record (user-chosen keys), if any. */
export function recordValueSchema(schema: SchemaNode): SchemaNode | true | undefined {
  const pattern = schema.patternProperties;
  if (pattern) {
    const first = Object.values(pattern)[0];
    if (first) return first;
  }
  const extra = schema.additionalProperties;
  if (extra === true) return true;
  if (extra && typeof extra === 'object') return extra;
  return undefined;
}

function isDurationString(schema: SchemaNode): boolean {
  return schema.type === 'string' && schema.pattern?.includes(DURATION_PATTERN) === true;
}

/** A duration schema: a string with the duration grammar, or a union holding one. */
export function isDurationSchema(schema: SchemaNode): boolean {
  return isDurationString(schema) || schema.anyOf?.some(isDurationString) === true;
}

/** Human wording of what a schema expects ("a number", "one of lax|strict"). */
export function describeSchema(schema: SchemaNode): string {
  if (schema.description && schema.description.startsWith('expected:')) return schema.description.slice(9).trim();
  if (schema.anyOf) {
    if (schema.anyOf.every(isLiteral)) return `one of ${schema.anyOf.map((s) => String(s.const)).join('|')}`;
    if (schema.anyOf.some(isDurationString)) return 'a duration ("10s", "100ms", "1m30s" or seconds)';
    return schema.anyOf.map(describeSchema).join(' or ');
  }
  if (isLiteral(schema)) return JSON.stringify(schema.const);
  if (isDurationString(schema)) return 'a duration ("10s", "100ms", "1m30s" or seconds)';
  switch (schema.type) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'integer':
      return 'an integer';
    case 'boolean':
      return 'a boolean (true|false)';
    case 'array':
      return 'a list';
    case 'object':
      return 'an object';
    default:
      return 'a value';
  }
}
