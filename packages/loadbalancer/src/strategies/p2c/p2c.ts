import type { RandomSource } from '../../random.js';
import { leastLoaded, lessLoaded } from '../load.js';
import type { BalancedServer, ServerFilter, Strategy, StrategyOptions } from '../types.js';

const SAMPLE_TRIES = 8;

function weightedSampler(servers: readonly BalancedServer[], random: RandomSource): () => BalancedServer {
  const cumulative: number[] = [];
  let total = 0;
  for (const s of servers) {
    total += s.ref.weight;
    cumulative.push(total);
  }
  return () => {
    const r = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > r) hi = mid;
      else lo = mid + 1;
    }
    return servers[lo] as BalancedServer;
  };
}

/**
 * Power of two choices: two distinct servers drawn at random (weight-proportional), the one with
 * fewer in-flight requests per weight wins (ties: the first draw). Draws are rejection-sampled
 * against `accept`; when that keeps failing, it falls back to drawing from the accepted list.
 */
export function createP2cStrategy(servers: readonly BalancedServer[], options: StrategyOptions): Strategy {
  const sample = servers.length > 0 ? weightedSampler(servers, options.random) : undefined;

  function draw(accept: ServerFilter, not?: BalancedServer): BalancedServer | undefined {
    for (let i = 0; i < SAMPLE_TRIES; i++) {
      const s = (sample as () => BalancedServer)();
      if (s !== not && accept(s)) return s;
    }
    const rest = servers.filter((s) => s !== not && accept(s));
    if (rest.length === 0) return undefined;
    return rest.length === 1 ? rest[0] : weightedSampler(rest, options.random)();
  }

  function pick(_clientIP: string, accept: ServerFilter): BalancedServer | undefined {
    if (sample === undefined) return undefined;
    const first = draw(accept);
    if (first === undefined) return undefined;
    const second = draw(accept, first);
    return second !== undefined && lessLoaded(second, first) ? second : first;
  }

  return {
    pick,
    peek: (_clientIP, accept) => leastLoaded(servers, accept),
  };
}
