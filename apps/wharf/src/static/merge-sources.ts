import type { Assignment } from './flags.js';
import type { Origin } from './origin.js';

export interface MergedSources {
  tree: Record<string, unknown>;
  /** lower-cased dotted path → where the value at that path came from */
  origins: Map<string, Origin>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `[3]` → 3 (a step made by `parseFlags` from `domains[3]`), anything else → undefined */
function listIndex(step: string): number | undefined {
  return /^\[\d{1,3}\]$/.test(step) ? Number(step.slice(1, -1)) : undefined;
}

function findKey(obj: Record<string, unknown>, step: string): string {
  return Object.keys(obj).find((k) => k.toLowerCase() === step.toLowerCase()) ?? step;
}

/**
 * Precedence: file < env < flags (Traefik reads one source only; wharf layers them). Keys are
 * matched case-insensitively against what is already there; a presence value (`true`) turns
 * into an object when sub-keys follow, and does not erase sub-keys already set.
 */
export function mergeSources(fileData: Record<string, unknown> | undefined, layers: Assignment[][]): MergedSources {
  const tree = structuredClone(fileData ?? {});
  const origins = new Map<string, Origin>();
  for (const layer of layers) {
    for (const { steps, value, origin } of layer) {
      // a container is an object, or an array when its key is followed by an index (`domains[0]`)
      let node: Record<string, unknown> = tree;
      const written: string[] = [];
      steps.forEach((step, i) => {
        const index = listIndex(step);
        const key = index !== undefined ? String(index) : findKey(node, step);
        if (index === undefined) written.push(key);
        if (i === steps.length - 1) {
          const presence = /^true$/i.test(value) && isObject(node[key]);
          if (!presence) node[key] = value;
          return;
        }
        const list = listIndex(steps[i + 1]!) !== undefined;
        if (list ? !Array.isArray(node[key]) : !isObject(node[key])) node[key] = list ? [] : {};
        node = node[key] as Record<string, unknown>;
      });
      origins.set(written.join('.').toLowerCase(), origin);
    }
  }
  return { tree, origins };
}

/**
 * The origin of an issue path: exact, else a descendant, else the file; without a file, the
 * closest ancestor or a sibling under it (a missing key next to the flag that created its parent).
 */
export function originOf(path: string, origins: Map<string, Origin>, fallback?: Origin): Origin | undefined {
  const lower = path.toLowerCase().replace(/\[\d+\]/g, '');
  if (origins.has(lower)) return origins.get(lower);
  for (const [key, origin] of origins) if (key.startsWith(`${lower}.`)) return origin;
  const parts = lower.split('.');
  for (let n = parts.length - 1; n > 0; n--) {
    const prefix = parts.slice(0, n).join('.');
    const hit = origins.get(prefix);
    if (hit) return fallback ?? hit;
    if (fallback) continue;
    for (const [key, origin] of origins) if (key.startsWith(`${prefix}.`)) return origin;
  }
  return fallback;
}
