import { buildHostIndex, candidatePositions, exactBucket, wildcardBucket, type HostIndex } from './host-index.js';
import type { MatchRequest, RouteEntry, RouteTable } from './types.js';

/** priority descending, then qualified name ascending (deterministic, documented tie-break) */
export function compareEntries(a: { priority: number; name: string }, b: { priority: number; name: string }): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * An immutable route table. `match` only tries the entries indexed under the request host plus
 * the non-indexable ones, merged in priority order, so it returns exactly what a linear scan of
 * the sorted entries would, without walking every Host router.
 */
export function createRouteTable<T>(entries: readonly RouteEntry<T>[]): RouteTable<T> {
  const sorted = Object.freeze([...entries].sort(compareEntries));
  const index = buildHostIndex(sorted.map((e) => e.rule));
  return Object.freeze({
    size: sorted.length,
    match: (req: MatchRequest) => matchIndexed(sorted, index, req),
    explain: (req: MatchRequest) => explainIndexed(sorted, index, req),
  });
}

function matchIndexed<T>(sorted: readonly RouteEntry<T>[], index: HostIndex, req: MatchRequest): RouteEntry<T> | undefined {
  const a = exactBucket(index, req.host);
  const b = wildcardBucket(index, req.host);
  const c = index.rest;
  let i = 0;
  let j = 0;
  let k = 0;
  const end = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const ha = i < a.length ? a[i] : end;
    const hb = j < b.length ? b[j] : end;
    const hc = k < c.length ? c[k] : end;
    const next = Math.min(ha, hb, hc);
    if (next === end) return undefined;
    if (ha === next) i++;
    if (hb === next) j++;
    if (hc === next) k++;
    const entry = sorted[next];
    if (entry.rule.matcher(req)) return entry;
  }
}

/**
 * Route tester: the candidates `match` tries, in order, with the matcher that failed for each.
 * Routers indexed under other hosts are not listed: their Host matcher cannot match.
 */
function explainIndexed<T>(
  sorted: readonly RouteEntry<T>[],
  index: HostIndex,
  req: MatchRequest,
): ReturnType<RouteTable<T>['explain']> {
  const tried: Array<{ name: string; priority: number; failedMatcher?: string }> = [];
  for (const position of candidatePositions(index, req.host)) {
    const entry = sorted[position];
    if (entry.rule.matcher(req)) return { entry, tried };
    tried.push({ name: entry.name, priority: entry.priority, failedMatcher: entry.rule.explain(req) });
  }
  return { tried };
}
