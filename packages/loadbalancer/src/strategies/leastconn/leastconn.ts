import { leastLoaded } from '../load.js';
import type { BalancedServer, ServerFilter, Strategy } from '../types.js';

/**
 * HAProxy's `leastconn`: the accepted server with the fewest in-flight requests per weight;
 * round robin among equals (the scan starts after the previous winner). O(n) per pick.
 */
export function createLeastConnStrategy(servers: readonly BalancedServer[]): Strategy {
  const position = new Map(servers.map((s, i) => [s, i]));
  let cursor = 0;
  return {
    pick(_clientIP: string, accept: ServerFilter) {
      if (servers.length === 0) return undefined;
      const chosen = leastLoaded(servers, accept, cursor);
      if (chosen !== undefined) cursor = ((position.get(chosen) as number) + 1) % servers.length;
      return chosen;
    },
    peek: (_clientIP, accept) => (servers.length === 0 ? undefined : leastLoaded(servers, accept, cursor)),
  };
}
