import type { DiagnosticSeverity } from '@wharf/config';
import { KvDiagnosticCode, MAX_KEY_LENGTH, MAX_VALUE_BYTES, rootPrefix, type KvPair } from './kv-pair.js';

/** A scalar list: the values of the siblings `…/0`, `…/1`, … in Traefik's (lexical) key order. */
interface KvListItem {
  value: string;
  key: string;
}

export type KvNode =
  | { kind: 'leaf'; value: string; key: string }
  | { kind: 'list'; items: KvListItem[]; key: string }
  | KvBranch;

/** Children keyed by the lower-cased segment (keys are case-insensitive); the first spelling is kept. */
export interface KvBranch {
  kind: 'branch';
  children: Map<string, { name: string; node: KvNode }>;
  /** the key prefix of this branch, as first spelt (`traefik/http/routers/api`) */
  key: string;
}

export interface KvTreeIssue {
  code: string;
  key: string;
  severity: DiagnosticSeverity;
  message: string;
  /** `[protocol, section, name]` of the element the key belongs to (as spelt), when it is one */
  element?: string[];
}

export interface KvTree {
  root: KvBranch;
  issues: KvTreeIssue[];
}

const INDEX = /^\d+$/;
const isPresence = (value: string): boolean => {
  const text = value.trim().toLowerCase();
  return text === '' || text === 'true';
};

function newBranch(key: string): KvBranch {
  return { kind: 'branch', children: new Map(), key };
}

/**
 * Pure first stage of KV decoding (Traefik `pkg/config/kv`): pairs sorted by key; a key whose
 * last segment is digits is an item of a scalar list (`…/entrypoints/0`, `…/1`), in lexical key
 * order, so `/10` comes before `/2`; digits inside a key index a list of objects
 * (`servers/0/url`), ordered the same way; empty segments are dropped (`a//b` is `a/b`); segments
 * match case-insensitively. Keys outside `<rootKey>/`, oversized pairs and leaf/branch clashes
 * become issues naming the key.
 */
export function buildKvTree(pairs: readonly KvPair[], rootKey: string): KvTree {
  const prefix = rootPrefix(rootKey);
  const issues: KvTreeIssue[] = [];
  const root = newBranch(prefix.slice(0, -1));
  const lists = new Map<string, KvListItem[]>();
  const sorted = [...pairs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const pair of sorted) {
    const steps = checkedSteps(pair, prefix, issues);
    if (!steps) continue;
    const last = steps.length - 1;
    if (INDEX.test(steps[last]!) && last > 0) {
      const parent = steps.slice(0, last);
      const id = parent.join('/').toLowerCase();
      const known = lists.get(id);
      if (known) {
        known.push({ value: pair.value, key: pair.key });
        continue;
      }
      const items: KvListItem[] = [{ value: pair.value, key: pair.key }];
      if (insert(root, parent, { kind: 'list', items, key: pair.key }, issues)) lists.set(id, items);
      continue;
    }
    insert(root, steps, { kind: 'leaf', value: pair.value, key: pair.key }, issues);
  }
  return { root, issues };
}

/** A key or value over the codec's bounds: skipped with a diagnostic. */
export function isOversized(pair: KvPair): boolean {
  // a UTF-16 code unit is at most 3 UTF-8 bytes: only long values need counting
  return pair.key.length > MAX_KEY_LENGTH || (pair.value.length * 3 > MAX_VALUE_BYTES && Buffer.byteLength(pair.value) > MAX_VALUE_BYTES);
}

function checkedSteps(pair: KvPair, prefix: string, issues: KvTreeIssue[]): string[] | undefined {
  const { key } = pair;
  if (isOversized(pair)) {
    const what = key.length > MAX_KEY_LENGTH ? `the key is over ${MAX_KEY_LENGTH} characters` : `the value is over ${MAX_VALUE_BYTES} bytes`;
    const shown = key.slice(0, 200);
    const element = key.startsWith(prefix) ? elementOf(key.slice(prefix.length).split('/').filter((s) => s !== '')) : undefined;
    issues.push({ code: KvDiagnosticCode.tooLarge, key: shown, severity: 'error', message: `${shown}: ${what}; skipped`, ...(element ? { element } : {}) });
    return undefined;
  }
  if (!key.startsWith(prefix)) {
    issues.push({
      code: KvDiagnosticCode.outsideRoot,
      key,
      severity: 'warning',
      message: `${key}: not under the root key ${prefix}; ignored (every key must start with ${prefix})`,
    });
    return undefined;
  }
  const steps = key.slice(prefix.length).split('/').filter((s) => s !== '');
  if (steps.length < 2) {
    issues.push({
      code: KvDiagnosticCode.badKey,
      key,
      severity: 'error',
      message: `${key}: expected ${prefix}<http|tcp|udp|tls>/<section>/…`,
    });
    return undefined;
  }
  return steps;
}

function elementOf(steps: readonly string[]): string[] | undefined {
  return steps.length >= 3 ? steps.slice(0, 3) : undefined;
}

function clash(key: string, other: string, steps: readonly string[]): KvTreeIssue {
  const element = elementOf(steps);
  return {
    code: KvDiagnosticCode.clash,
    key,
    severity: 'error',
    message: `${key} conflicts with ${other}: a key cannot be both a value and the parent of other keys, nor be set twice`,
    ...(element ? { element } : {}),
  };
}

/** Inserts `leaf` at `steps`; false (with an issue) when it clashes with what is there. */
function insert(root: KvBranch, steps: readonly string[], leaf: KvNode, issues: KvTreeIssue[]): boolean {
  let node = root;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const lower = step.toLowerCase();
    const existing = node.children.get(lower);
    if (i === steps.length - 1) {
      if (existing?.node.kind === 'branch' && leaf.kind === 'leaf' && isPresence(leaf.value)) return true;
      if (existing) {
        issues.push(clash(leaf.key, existing.node.key, steps));
        return false;
      }
      node.children.set(lower, { name: step, node: leaf });
      return true;
    }
    if (existing?.node.kind === 'branch') {
      node = existing.node;
      continue;
    }
    if (existing && !(existing.node.kind === 'leaf' && isPresence(existing.node.value))) {
      issues.push(clash(leaf.key, existing.node.key, steps));
      return false;
    }
    const branch = newBranch(`${node.key}/${step}`);
    node.children.set(lower, { name: existing?.name ?? step, node: branch });
    node = branch;
  }
  return true;
}
