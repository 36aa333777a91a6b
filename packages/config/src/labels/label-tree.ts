import { LABEL_BAD_KEY, LABEL_CLASH, LABEL_IGNORED, type LabelIssue } from './label-issue.js';

export type LabelTree = { [key: string]: LabelTreeValue };
export type LabelTreeValue = string | LabelTreeValue[] | LabelTree;

export interface LabelTreeResult {
  /** `{ http?: …, tcp?: …, udp?: …, tls?: … }` with the roots lower-cased, other keys as written */
  tree: LabelTree;
  issues: LabelIssue[];
  /** tree path (`http.routers.r.tls.domains[0].main`) → original label key */
  keys: Map<string, string>;
}

type Node = { kind: 'leaf'; value: string; key: string } | { kind: 'branch'; children: Map<string | number, Node>; key: string };

const ROOTS = new Set(['http', 'tcp', 'udp', 'tls']);
const PROVIDER_ROOTS = new Set(['enable', 'docker', 'swarm']);
const SEGMENT = /^([^[\]]+)((?:\[\d+\])*)$/;

/** `name[0][1]` → ['name', 0, 1]; undefined when malformed. */
function parseSegment(segment: string): Array<string | number> | undefined {
  const m = SEGMENT.exec(segment);
  if (!m) return undefined;
  const indexes = [...m[2]!.matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]));
  return [m[1]!, ...indexes];
}

function parseKey(rest: string): Array<string | number> | undefined {
  const out: Array<string | number> = [];
  for (const segment of rest.split('.')) {
    const parts = parseSegment(segment);
    if (!parts) return undefined;
    out.push(...parts);
  }
  return out;
}

const isPresence = (value: string): boolean => value.trim().toLowerCase() === 'true';

/**
 * A leaf `true` next to sub-keys is a presence flag (`tls=true` + `tls.certresolver=le`, as in
 * Traefik's docs): the sub-keys win silently. Any other leaf/branch overlap is a clash.
 */
function insert(root: Node & { kind: 'branch' }, steps: Array<string | number>, key: string, value: string): LabelIssue | undefined {
  let node: Node & { kind: 'branch' } = root;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const last = i === steps.length - 1;
    let existing: Node | undefined = node.children.get(step);
    if (last) {
      if (existing?.kind === 'branch' && isPresence(value)) return undefined;
      if (existing) return clash(key, existing.key);
      node.children.set(step, { kind: 'leaf', value, key });
      return undefined;
    }
    if (existing?.kind === 'leaf') {
      if (!isPresence(existing.value)) return clash(key, existing.key);
      existing = undefined;
    }
    if (existing === undefined) {
      existing = { kind: 'branch', children: new Map(), key };
      node.children.set(step, existing);
    }
    node = existing;
  }
  return undefined;
}

function clash(key: string, other: string): LabelIssue {
  return {
    code: LABEL_CLASH,
    path: key,
    severity: 'error',
    message: `label ${key} conflicts with ${other}: a key cannot be both a value and a parent of other keys`,
  };
}

function toPlain(node: Node, path: string, keys: Map<string, string>): LabelTreeValue {
  if (node.kind === 'leaf') {
    keys.set(path, node.key);
    return node.value;
  }
  const entries = [...node.children.entries()];
  if (entries.length > 0 && entries.every(([k]) => typeof k === 'number')) {
    entries.sort((a, b) => (a[0] as number) - (b[0] as number));
    return entries.map(([, child], i) => toPlain(child, `${path}[${i}]`, keys));
  }
  const out: LabelTree = {};
  for (const [k, child] of entries) {
    const name = String(k);
    out[name] = toPlain(child, path === '' ? name : typeof k === 'number' ? `${path}[${k}]` : `${path}.${name}`, keys);
  }
  return out;
}

/**
 * Pure, schema-agnostic first stage of label decoding: `traefik.http.routers.r.rule=…` →
 * `{ http: { routers: { r: { rule: '…' } } } }`. Keeps only `<prefix>.http|tcp|udp|tls.*`;
 * `<prefix>.enable`, `<prefix>.docker.*` and `<prefix>.swarm.*` belong to the provider and are
 * skipped silently; any other `<prefix>.*` key is reported as ignored (Traefik ignores it silently).
 */
export function labelsToTree(labels: Record<string, string>, prefix = 'traefik'): LabelTreeResult {
  const issues: LabelIssue[] = [];
  const root: Node & { kind: 'branch' } = { kind: 'branch', children: new Map(), key: prefix };
  const head = `${prefix.toLowerCase()}.`;
  for (const key of Object.keys(labels).sort()) {
    if (!key.toLowerCase().startsWith(head)) continue;
    const rest = key.slice(head.length);
    const first = rest.split(/[.[]/, 1)[0]!.toLowerCase();
    if (PROVIDER_ROOTS.has(first)) continue;
    if (!ROOTS.has(first)) {
      issues.push({ code: LABEL_IGNORED, path: key, severity: 'warning', message: `label ${key} is ignored: only ${prefix}.http|tcp|udp|tls.* are read` });
      continue;
    }
    const steps = parseKey(rest);
    if (!steps || steps.length < 2) {
      issues.push({ code: LABEL_BAD_KEY, path: key, severity: 'error', message: `label ${key} is malformed` });
      continue;
    }
    steps[0] = first;
    if (typeof steps[1] === 'string') steps[1] = steps[1].toLowerCase();
    const issue = insert(root, steps, key, labels[key]!);
    if (issue) issues.push(issue);
  }
  const keys = new Map<string, string>();
  const tree = toPlain(root, '', keys) as LabelTree;
  return { tree: Array.isArray(tree) ? {} : tree, issues, keys };
}
