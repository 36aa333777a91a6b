import type { ParsedRule } from './types.js';

const NONE: readonly number[] = Object.freeze([]);

/**
 * Positions (in priority order) of the entries that can match a given host: one bucket per exact
 * host, one per wildcard parent domain (`*.example.com` → `example.com`), and the entries that
 * are not host-indexable. Every list is ascending, so merging them preserves priority order.
 */
export interface HostIndex {
  readonly exact: ReadonlyMap<string, readonly number[]>;
  readonly wildcard: ReadonlyMap<string, readonly number[]>;
  readonly rest: readonly number[];
}

export function buildHostIndex(rules: readonly ParsedRule[]): HostIndex {
  const exact = new Map<string, number[]>();
  const wildcard = new Map<string, number[]>();
  const rest: number[] = [];
  rules.forEach((rule, position) => {
    const keys = rule.hostKeys !== undefined ? rule.hostKeys : rule.hosts;
    if (keys === null) {
      rest.push(position);
      return;
    }
    for (const key of keys) {
      if (key.startsWith('*.')) push(wildcard, key.slice(2), position);
      else push(exact, key, position);
    }
  });
  return { exact, wildcard, rest };
}

function push(map: Map<string, number[]>, key: string, position: number): void {
  const bucket = map.get(key);
  if (bucket === undefined) map.set(key, [position]);
  else if (bucket[bucket.length - 1] !== position) bucket.push(position);
}

export function exactBucket(index: HostIndex, host: string): readonly number[] {
  return index.exact.get(host) ?? NONE;
}

/** entries whose rule allows `*.parent` where `host` = `label.parent` */
export function wildcardBucket(index: HostIndex, host: string): readonly number[] {
  if (index.wildcard.size === 0) return NONE;
  const dot = host.indexOf('.');
  if (dot <= 0) return NONE;
  return index.wildcard.get(host.slice(dot + 1)) ?? NONE;
}

/** every candidate position for `host`, in priority order (allocates: for the route tester) */
export function candidatePositions(index: HostIndex, host: string): number[] {
  const merged = [...exactBucket(index, host), ...wildcardBucket(index, host), ...index.rest];
  return [...new Set(merged)].sort((a, b) => a - b);
}
