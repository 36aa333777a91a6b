import { joinPath } from '@wharf/config';
import type { KvNode } from './kv-tree.js';

const INDEX = /^\d+$/;

/**
 * Tree path (`http.routers.api.entryPoints[1]`, as the schema decoder spells issue paths) → the
 * KV key it came from, or for a branch its key prefix; lets every issue name a real key.
 */
export type KvKeyMap = Map<string, string>;

/**
 * A KV node as plain data for the schema decoder (and, given `keys`, the key of every path in it:
 * most trees decode without an issue, so the decoder asks for keys only then). A scalar list becomes an array of its values,
 * each split at commas (Traefik joins the siblings with commas and its decoder splits them again,
 * so `entrypoints/0=web,websecure` is two entrypoints there too); a branch whose children are all
 * digits becomes an array in the tree's (lexical key) order; any other branch an object.
 */
export function toPlain(node: KvNode, path: string, keys?: KvKeyMap): unknown {
  keys?.set(path, node.key);
  if (node.kind === 'leaf') return node.value;
  if (node.kind === 'list') {
    const out: string[] = [];
    for (const item of node.items) {
      for (const part of item.value.split(',')) {
        const value = part.trim();
        if (value === '') continue;
        keys?.set(joinPath(path, out.length), item.key);
        out.push(value);
      }
    }
    return out;
  }
  const children = [...node.children.values()];
  if (children.length > 0 && children.every((c) => INDEX.test(c.name))) {
    return children.map((c, i) => toPlain(c.node, keys ? joinPath(path, i) : path, keys));
  }
  // fromEntries defines own properties: a segment named `__proto__` stays plain data
  return Object.fromEntries(children.map(({ name, node: child }) => [name, toPlain(child, keys ? joinPath(path, name) : path, keys)]));
}

/** The key map of a node (what `toPlain` records when given one), built only when an issue needs a key. */
export function keyMapOf(node: KvNode, path: string): KvKeyMap {
  const keys: KvKeyMap = new Map();
  toPlain(node, path, keys);
  return keys;
}

/**
 * The KV key for an issue path: the exact key, else the nearest known ancestor's prefix with the
 * rest of the path appended in KV form (`…/routers/api` + `.service` → `…/routers/api/service`).
 */
export function keyFor(path: string, keys: KvKeyMap): string {
  const exact = keys.get(path);
  if (exact !== undefined) return exact;
  let rest = '';
  let head = path;
  while (head !== '') {
    const cut = Math.max(head.lastIndexOf('.'), head.lastIndexOf('['));
    if (cut <= 0) break;
    rest = `${head.slice(cut)}${rest}`;
    head = head.slice(0, cut);
    const hit = keys.get(head);
    if (hit !== undefined) return `${hit}${rest.replace(/\[(\d+)\]/g, '/$1').replace(/\./g, '/')}`;
  }
  return path;
}
