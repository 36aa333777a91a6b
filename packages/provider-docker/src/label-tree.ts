/**
 * Flat labels → tree (schema-agnostic). `a.b[0].c=v` becomes a → b → 0 → c with value `v`.
 * Segment case is preserved; field matching is case-insensitive later.
 * (Provider-local until @wharf/config exports its label codec; same two-stage design.)
 */
export interface LabelNode {
  value?: string;
  /** full original label key that set `value` */
  key?: string;
  children: Map<string, LabelNode>;
}

export function emptyNode(): LabelNode {
  return { children: new Map() };
}

export function splitLabelKey(key: string): string[] {
  const out: string[] = [];
  for (const part of key.split('.')) {
    const m = /^(.*?)((?:\[\d+\])+)$/.exec(part);
    if (!m) { out.push(part); continue; }
    if (m[1]) out.push(m[1]);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(idx[1]!);
  }
  return out;
}

/** Build a tree from the labels whose key starts with `prefix.` (prefix matched case-insensitively). */
export function labelsToTree(labels: Record<string, string>, prefix: string): LabelNode {
  const root = emptyNode();
  const lowerPrefix = `${prefix.toLowerCase()}.`;
  for (const [key, value] of Object.entries(labels)) {
    if (!key.toLowerCase().startsWith(lowerPrefix)) continue;
    let node = root;
    for (const segment of splitLabelKey(key.slice(lowerPrefix.length))) {
      const existing = findChild(node, segment);
      const next = existing ?? emptyNode();
      if (!existing) node.children.set(segment, next);
      node = next;
    }
    node.value = value;
    node.key = key;
  }
  return root;
}

/** Case-insensitive child lookup. */
export function findChild(node: LabelNode, name: string): LabelNode | undefined {
  const exact = node.children.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const [k, v] of node.children) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** Any label key found at or below this node (for diagnostics). */
export function firstKey(node: LabelNode): string | undefined {
  if (node.key) return node.key;
  for (const child of node.children.values()) {
    const key = firstKey(child);
    if (key) return key;
  }
  return undefined;
}
