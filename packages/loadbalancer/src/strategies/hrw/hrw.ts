import type { BalancedServer, ServerFilter, Strategy } from '../types.js';
import { fnv1a32, rendezvousScore } from './rendezvous-hash.js';

/**
 * Highest random weight (rendezvous hashing) of the client IP: a client keeps its server without
 * a cookie while that server stays available; removing a server only moves that server's clients.
 * Weight-aware. O(n) per pick.
 */
export function createHrwStrategy(servers: readonly BalancedServer[]): Strategy {
  const hashes = servers.map((s) => mix(s.ref.url));

  function pick(clientIP: string, accept: ServerFilter): BalancedServer | undefined {
    const keyHash = fnv1a32(clientIP);
    let best: BalancedServer | undefined;
    let bestScore = -Infinity;
    for (let i = 0; i < servers.length; i++) {
      const s = servers[i] as BalancedServer;
      const score = rendezvousScore(keyHash, hashes[i] as number, s.ref.weight);
      if (score > bestScore && accept(s)) {
        best = s;
        bestScore = score;
      }
    }
    return best;
  }

  return { pick, peek: pick };
}

function mix(url: string): number {
  return fnv1a32(url, 0x9747b28c);
}
