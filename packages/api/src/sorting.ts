import { firstValue } from './pagination.js';

export type ElementKind = 'router' | 'service' | 'middleware';
type Key = (item: Record<string, unknown>) => string | number;

const str = (k: string): Key => (item) => String(item[k] ?? '');
const count = (v: unknown): number => (Array.isArray(v) ? v.length : 0);
const serverCount: Key = (item) => {
  const lb = item['loadBalancer'] as { servers?: unknown[] } | undefined;
  return count(lb?.servers);
};

/** Sortable columns per kind (Traefik `pkg/api/sort.go`); `name` is the default and tie-break. */
const sortKeys: Record<ElementKind, Record<string, Key>> = {
  router: {
    name: str('name'),
    provider: str('provider'),
    priority: (item) => Number(item['priority'] ?? 0),
    status: str('status'),
    rule: str('rule'),
    service: str('service'),
    entryPoints: (item) => count(item['entryPoints']),
  },
  service: { name: str('name'), type: str('type'), servers: serverCount, provider: str('provider'), status: str('status') },
  middleware: { name: str('name'), type: str('type'), provider: str('provider'), status: str('status') },
};

export function sortableColumns(kind: ElementKind): string[] {
  return Object.keys(sortKeys[kind]);
}

function compare(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** Sort by `sortBy` (unknown columns fall back to name) and `direction` (`asc` | `desc`). */
export function sortItems<T extends object>(items: T[], kind: ElementKind, query: Record<string, unknown>): T[] {
  const keys = sortKeys[kind];
  const sortBy = firstValue(query['sortBy']) ?? 'name';
  // own keys only: `sortBy=__proto__` or `constructor` must not reach Object.prototype
  const key = Object.hasOwn(keys, sortBy) ? keys[sortBy]! : str('name');
  const byName = str('name');
  const sign = (firstValue(query['direction']) ?? 'asc').toLowerCase() === 'desc' ? -1 : 1;
  return [...items].sort((x, y) => {
    const a = x as Record<string, unknown>;
    const b = y as Record<string, unknown>;
    const primary = compare(key(a), key(b));
    return sign * (primary !== 0 ? primary : compare(byName(a), byName(b)));
  });
}
