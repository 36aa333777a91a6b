import type { BalancedServer, ServerFilter } from './types.js';

/**
 * a's weighted load is strictly below b's. The load counts the request being placed, as
 * HAProxy does: (in-flight + 1) / weight, so weights matter even when nothing is in flight.
 */
export function lessLoaded(a: BalancedServer, b: BalancedServer): boolean {
  return (a.inFlight + 1) * b.ref.weight < (b.inFlight + 1) * a.ref.weight;
}

/** The least-loaded accepted server, scanning from `start` (ties: first met). O(n). */
export function leastLoaded(
  servers: readonly BalancedServer[],
  accept: ServerFilter,
  start = 0,
): BalancedServer | undefined {
  let best: BalancedServer | undefined;
  const n = servers.length;
  for (let k = 0; k < n; k++) {
    const s = servers[(start + k) % n] as BalancedServer;
    if ((best === undefined || lessLoaded(s, best)) && accept(s)) best = s;
  }
  return best;
}
