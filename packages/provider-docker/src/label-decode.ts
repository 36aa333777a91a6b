import type { FieldSpec, Fields } from './label-fields.js';
import { firstKey, type LabelNode } from './label-tree.js';
import { closest } from './suggest.js';

export interface LabelIssue {
  key: string;
  message: string;
  /** a corrected path relative to the element, e.g. `loadbalancer.server.port` */
  suggestion?: string;
}

export interface DecodeContext {
  issues: LabelIssue[];
  /** the element's root spec, for "did you mean" searches across levels */
  root: Fields;
}

/** Decode `node` (whose children are fields of `table`) into a camelCase object. */
export function decodeObject(node: LabelNode, table: Fields, path: string[], ctx: DecodeContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [segment, child] of node.children) {
    const field = table[segment.toLowerCase()];
    if (!field) {
      ctx.issues.push(unknownField(child, [...path, segment], table, ctx.root));
      continue;
    }
    const value = decodeField(child, field.spec, [...path, field.name], ctx);
    if (value !== undefined) out[field.name] = value;
  }
  return out;
}

export function decodeField(node: LabelNode, spec: FieldSpec, path: string[], ctx: DecodeContext): unknown {
  if (spec.kind === 'object' || spec.kind === 'server') return decodeNested(node, spec, path, ctx);
  if (spec.kind === 'map') return decodeMap(node, ctx);
  if (spec.kind === 'array') return decodeArray(node, spec.item, path, ctx);
  if (node.children.size > 0) {
    ctx.issues.push({ key: firstKey(node) ?? path.join('.'), message: `\`${path.join('.')}\` takes a value, not sub-keys` });
    return undefined;
  }
  return decodeScalar(node.value ?? '', spec, node.key ?? path.join('.'), ctx);
}

function decodeNested(
  node: LabelNode, spec: Extract<FieldSpec, { kind: 'object' | 'server' }>, path: string[], ctx: DecodeContext,
): unknown {
  if (node.value !== undefined) {
    const presence = spec.kind === 'object' && spec.presence;
    const flag = node.value.trim().toLowerCase();
    if (!presence || (flag !== 'true' && flag !== 'false')) {
      ctx.issues.push({ key: node.key!, message: `\`${path.join('.')}\` expects sub-keys${presence ? ' or true/false' : ''}, got "${node.value}"` });
      return undefined;
    }
    if (flag === 'false') return undefined;
  }
  return decodeObject(node, spec.fields, path, ctx);
}

function decodeMap(node: LabelNode, ctx: DecodeContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, child] of node.children) {
    if (child.children.size > 0) ctx.issues.push({ key: firstKey(child)!, message: `map entry \`${name}\` cannot have sub-keys` });
    else out[name] = child.value ?? '';
  }
  return out;
}

function decodeArray(node: LabelNode, item: FieldSpec, path: string[], ctx: DecodeContext): unknown[] {
  const entries = [...node.children].filter(([k, child]) => {
    if (/^\d+$/.test(k)) return true;
    ctx.issues.push({ key: firstKey(child)!, message: `\`${path.join('.')}\` is a list: use \`${path.join('.')}[0].…\`` });
    return false;
  });
  entries.sort((a, b) => Number(a[0]) - Number(b[0]));
  return entries.map(([k, child]) => decodeField(child, item, [...path, k], ctx));
}

function decodeScalar(raw: string, spec: FieldSpec, key: string, ctx: DecodeContext): unknown {
  const value = raw.trim();
  const fail = (expected: string): undefined => {
    ctx.issues.push({ key, message: `\`${key}\` expects ${expected}, got "${raw}"` });
    return undefined;
  };
  switch (spec.kind) {
    case 'number': {
      const num = Number(value);
      return value !== '' && Number.isFinite(num) ? num : fail('a number');
    }
    case 'boolean': {
      const lower = value.toLowerCase();
      return lower === 'true' ? true : lower === 'false' ? false : fail('true or false');
    }
    case 'list':
      return value.split(',').map((v) => v.trim()).filter((v) => v !== '');
    case 'duration':
      return /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
    case 'enum': {
      const found = spec.values.find((v) => v === value.toLowerCase());
      return found ?? fail(`one of ${spec.values.map((v) => `"${v}"`).join(', ')}`);
    }
    default:
      return raw;
  }
}

function unknownField(node: LabelNode, path: string[], table: Fields, root: Fields): LabelIssue {
  const key = firstKey(node) ?? path.join('.');
  const segment = path[path.length - 1]!;
  const near = closest(segment, Object.keys(table));
  let suggestion: string | undefined;
  if (near) suggestion = [...path.slice(0, -1), near].join('.').toLowerCase();
  else suggestion = findDeeper(segment, root)?.toLowerCase();
  const hint = suggestion ? `; did you mean \`${suggestion}\`?` : '';
  return { key, message: `unknown label field \`${segment}\` in \`${key}\`${hint}`, suggestion };
}

/** `loadbalancer.port` → `loadBalancer.server.port`: a field of that name elsewhere in the element. */
function findDeeper(segment: string, table: Fields, prefix: string[] = [], depth = 0): string | undefined {
  if (depth > 3) return undefined;
  const hit = table[segment.toLowerCase()];
  if (hit && depth > 0) return [...prefix, hit.name].join('.');
  for (const { name, spec } of Object.values(table)) {
    if (spec.kind !== 'object' && spec.kind !== 'server') continue;
    const found = findDeeper(segment, spec.fields, [...prefix, name], depth + 1);
    if (found) return found;
  }
  return undefined;
}
