import type { TSchema } from '@sinclair/typebox';
import {
  CONFIG_BAD_NAME,
  CONFIG_UNKNOWN_KEY,
  decodeWithSchema,
  DynamicConfigSchema,
  emptyDynamicConfig,
  joinPath,
  suggest,
  type Diagnostic,
  type DynamicConfig,
  type ProviderSnapshot,
} from '@wharf/config';
import { KvDiagnosticCode, type KvPair } from './kv-pair.js';
import { elementGroup, WHOLE_GROUP } from './kv-sections.js';
import { keyFor, keyMapOf, toPlain, type KvKeyMap } from './kv-plain.js';
import { buildKvTree, type KvBranch, type KvNode, type KvTreeIssue } from './kv-tree.js';

type SchemaNode = TSchema & {
  type?: string;
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  items?: SchemaNode;
};
type ElementKind = 'router' | 'service' | 'middleware';
const PROTOCOLS = (DynamicConfigSchema as SchemaNode).properties!;
const PROTOCOL_NAMES = Object.keys(PROTOCOLS);
const SECTION_NAMES = new Map(PROTOCOL_NAMES.map((p) => [p, Object.keys(PROTOCOLS[p]!.properties ?? {})]));
const KINDS: Record<string, ElementKind> = { routers: 'router', services: 'service', middlewares: 'middleware' };

export interface DecodeKvOptions {
  rootKey: string;
  /** provider name for the diagnostics (`etcd`, `redis`) */
  provider: string;
  /** where the pairs came from, e.g. `etcd 127.0.0.1:2379` */
  source: string;
}

interface Walk {
  opts: DecodeKvOptions;
  diagnostics: Diagnostic[];
  /** the decode group (`elementGroup`) of each diagnostic, in step with `diagnostics` */
  groups: string[];
  /** the group of the element being decoded */
  group: string;
  /** lower-cased `protocol/section/name` of elements the tree stage already rejected */
  broken: Set<string>;
}

/**
 * KV pairs → one provider snapshot. Sections come from the dynamic-config schema itself
 * (`http.routers`, `tcp.services`, `tls.options`, …), so the KV layout follows the model as it
 * grows; every element goes through the shared schema decoder on its own (types, case-insensitive
 * keys, "did you mean"), and a bad element is dropped with diagnostics naming its keys while
 * every other element is kept. An empty tree is an empty configuration (deleting every key
 * removes every route: Traefik misses that, issue #8092).
 */
export function decodeKv(pairs: readonly KvPair[], opts: DecodeKvOptions): ProviderSnapshot {
  const { config, diagnostics } = decodeKvGrouped(pairs, opts);
  return { config, diagnostics };
}

/** `decodeKv`, also telling the decode group (`elementGroup`) each diagnostic belongs to. */
export function decodeKvGrouped(pairs: readonly KvPair[], opts: DecodeKvOptions): ProviderSnapshot & { groups: string[] } {
  const { root, issues } = buildKvTree(pairs, opts.rootKey);
  const walk: Walk = { opts, diagnostics: [], groups: [], group: WHOLE_GROUP, broken: new Set() };
  for (const issue of issues) {
    const [protocol, section, name] = issue.element ?? [];
    walk.group = name === undefined ? WHOLE_GROUP : elementGroup(protocol!, section!, name);
    push(walk, treeDiagnostic(opts, issue));
    if (issue.element) walk.broken.add(issue.element.join('/').toLowerCase());
  }
  walk.group = WHOLE_GROUP;
  const config = emptyDynamicConfig();
  for (const { name, node } of root.children.values()) {
    const protocol = matchKey(name, PROTOCOL_NAMES);
    if (protocol === undefined) {
      unknownKey(walk, node.key, name, PROTOCOL_NAMES);
      continue;
    }
    if (!expectBranch(walk, node, 'sections (routers, services, …)')) continue;
    const sections = PROTOCOLS[protocol]!.properties ?? {};
    const sectionNames = SECTION_NAMES.get(protocol)!;
    const target = ((config as unknown as Record<string, Record<string, unknown>>)[protocol] ??= {});
    for (const { name: sectionName, node: sectionNode } of node.children.values()) {
      const section = matchKey(sectionName, sectionNames);
      if (section === undefined) {
        unknownKey(walk, sectionNode.key, sectionName, sectionNames);
        continue;
      }
      const ids = { protocol, section, lower: `${name}/${sectionName}`.toLowerCase() };
      decodeSection(walk, target, ids, sections[section]!, sectionNode);
    }
  }
  return { config: config as DynamicConfig, diagnostics: walk.diagnostics, groups: walk.groups };
}

function push(walk: Walk, d: Diagnostic): void {
  walk.diagnostics.push(d);
  walk.groups.push(walk.group);
}

interface SectionIds {
  protocol: string;
  section: string;
  /** `http/routers` as spelt in the keys, lower-cased */
  lower: string;
}

function decodeSection(walk: Walk, target: Record<string, unknown>, ids: SectionIds, schema: SchemaNode, node: KvNode): void {
  const record = schema.patternProperties ? Object.values(schema.patternProperties)[0] : undefined;
  const path = `${ids.protocol}.${ids.section}`;
  if (record === undefined) {
    const plain = toPlain(node, path);
    const keys = lazyKeys(node, path);
    if (schema.type === 'array' && schema.items && Array.isArray(plain)) {
      // a list section (`tls/certificates/0/…`): each item stands or falls on its own
      const items = plain.map((item, i) => decodeWithSchema(schema.items!, item, { path: joinPath(path, i) }));
      for (const { issues } of items) for (const issue of issues) report(walk, issue, keys());
      target[ids.section] = items.flatMap(({ value }) => (value === undefined ? [] : [value]));
      return;
    }
    const { value, issues } = decodeWithSchema(schema, plain, { path });
    for (const issue of issues) report(walk, issue, keys());
    if (value !== undefined) target[ids.section] = value;
    return;
  }
  if (!expectBranch(walk, node, 'named elements')) return;
  const bucket = ((target[ids.section] as Record<string, unknown> | undefined) ??= {});
  for (const { name, node: element } of node.children.values()) {
    const elementPath = joinPath(path, name);
    const kind = KINDS[ids.section];
    const ref = kind ? { kind, name } : undefined;
    const group = `${ids.lower}/${name.toLowerCase()}`;
    if (walk.broken.has(group)) continue;
    walk.group = group;
    if (name.includes('@') || name === '__proto__') {
      const message = name === '__proto__'
        ? `${element.key}: "__proto__" cannot name an element`
        : `${element.key}: the name "${name}" must not contain "@" (reserved for name@provider)`;
      push(walk, diagnostic(walk.opts, { code: CONFIG_BAD_NAME, key: element.key, message, element: ref }));
      continue;
    }
    const { value, issues } = decodeWithSchema(record, toPlain(element, elementPath), { path: elementPath });
    if (issues.length > 0) {
      const keys = keyMapOf(element, elementPath);
      for (const issue of issues) report(walk, issue, keys, ref);
    }
    if (value !== undefined) bucket[name] = value;
  }
  walk.group = WHOLE_GROUP;
}

function lazyKeys(node: KvNode, path: string): () => KvKeyMap {
  let keys: KvKeyMap | undefined;
  return () => (keys ??= keyMapOf(node, path));
}

function report(walk: Walk, issue: { code: string; path: string; message: string; suggestion?: string }, keys: KvKeyMap, element?: Diagnostic['element']): void {
  const key = keyFor(issue.path, keys);
  const base = issue.path === '' ? issue.message : issue.message.replace(issue.path, key);
  const message = element ? `${base} (${element.kind} "${element.name}" dropped)` : base;
  push(walk, diagnostic(walk.opts, { code: issue.code, key, message, suggestion: issue.suggestion, element }));
}

function expectBranch(walk: Walk, node: KvNode, what: string): node is KvBranch {
  if (node.kind === 'branch') return true;
  const message = `${node.key}: expected ${what} under this key, not a value`;
  push(walk, diagnostic(walk.opts, { code: KvDiagnosticCode.badKey, key: node.key, message }));
  return false;
}

function unknownKey(walk: Walk, key: string, name: string, candidates: readonly string[]): void {
  const suggestion = suggest(name, candidates);
  const hint = suggestion ? `: did you mean "${suggestion}"?` : ` (expected one of ${candidates.join(', ')})`;
  const message = `unknown key ${key}${hint}`;
  push(walk, diagnostic(walk.opts, { code: CONFIG_UNKNOWN_KEY, key, message, suggestion }));
}

function matchKey(key: string, candidates: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  return candidates.find((c) => c.toLowerCase() === lower);
}

interface DiagnosticInput {
  code: string;
  key: string;
  message: string;
  severity?: Diagnostic['severity'];
  suggestion?: string | undefined;
  element?: Diagnostic['element'] | undefined;
}

function diagnostic(opts: DecodeKvOptions, input: DiagnosticInput): Diagnostic {
  return {
    provider: opts.provider,
    source: opts.source,
    code: input.code,
    severity: input.severity ?? 'error',
    message: input.message,
    key: input.key,
    ...(input.suggestion ? { suggestion: input.suggestion } : {}),
    ...(input.element ? { element: input.element } : {}),
  };
}

function treeDiagnostic(opts: DecodeKvOptions, issue: KvTreeIssue): Diagnostic {
  const [, section, name] = issue.element ?? [];
  const kind = section === undefined ? undefined : KINDS[section.toLowerCase()];
  const element = kind && name !== undefined ? { kind, name } : undefined;
  const message = element ? `${issue.message} (${element.kind} "${element.name}" dropped)` : issue.message;
  return diagnostic(opts, { code: issue.code, key: issue.key, message, severity: issue.severity, element });
}
