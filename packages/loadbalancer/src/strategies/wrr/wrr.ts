import { createWeightedRoundRobin } from '../../weighted-round-robin.js';
import type { BalancedServer, Strategy, StrategyOptions } from '../types.js';

/** Traefik's default: EDF weighted round robin, shuffled on build. */
export function createWrrStrategy(servers: readonly BalancedServer[], options: StrategyOptions): Strategy {
  const wrr = createWeightedRoundRobin(
    servers.map((s) => ({ value: s, weight: s.ref.weight })),
    { random: options.random },
  );
  return {
    pick: (_clientIP, accept) => wrr.next(accept),
    peek: (_clientIP, accept) => wrr.peek(accept),
  };
}
