import type { BalancedServer, ServerFilter, Strategy } from '../types.js';

/** Response times kept per server (Traefik's `sampleSize`): the average of the last 100. */
export const LEASTTIME_SAMPLES = 100;

/** A server's last LEASTTIME_SAMPLES times to first response byte, as a ring with a running sum. */
class ResponseTimes {
  private readonly ring = new Float64Array(LEASTTIME_SAMPLES);
  private next = 0;
  private count = 0;
  private sum = 0;

  add(ms: number): void {
    if (this.count < LEASTTIME_SAMPLES) this.count++;
    else this.sum -= this.ring[this.next]!;
    this.ring[this.next] = ms;
    this.sum += ms;
    this.next = (this.next + 1) % LEASTTIME_SAMPLES;
  }

  /** 0 before any sample: a new server is tried at once, as in Traefik */
  average(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }
}

/**
 * Traefik's `leasttime` (v3.7): the lowest score wins, score = average time to first response
 * byte × (1 + requests in flight) / weight; ties (every server before its first answer, equal
 * scores) go by weighted round robin (earliest deadline first), as Traefik breaks them. Times are
 * kept in fractional milliseconds where Traefik truncates to whole ones, so sub-millisecond
 * servers are still told apart. `observe` is fed by the balancer when a response head arrives.
 */
export function createLeastTimeStrategy(servers: readonly BalancedServer[]): Strategy & { observe(server: BalancedServer, ms: number): void } {
  // per server of this list (weight > 0): its response times and its next EDF deadline, which
  // start a step apart in list order (Traefik's Add)
  const position = new Map(servers.map((s, i) => [s, i]));
  const times = servers.map(() => new ResponseTimes());
  const deadlines = new Float64Array(servers.length);
  let step = 0;
  servers.forEach((s, i) => (deadlines[i] = step += 1 / s.ref.weight));

  const score = (s: BalancedServer, i: number): number => (times[i]!.average() * (1 + s.inFlight)) / s.ref.weight;

  let tied = false;
  /** the position of the lowest score among accepted servers (ties: the earliest deadline, `tied` set), or -1 */
  function choose(accept: ServerFilter): number {
    let best = -1;
    let bestScore = Infinity;
    tied = false;
    for (let i = 0; i < servers.length; i++) {
      const s = servers[i]!;
      if (!accept(s)) continue;
      const value = score(s, i);
      if (value < bestScore) {
        best = i;
        bestScore = value;
        tied = false;
      } else if (value === bestScore) {
        tied = true;
        if (deadlines[i]! < deadlines[best]!) best = i;
      }
    }
    return best;
  }

  return {
    pick(_clientIP, accept) {
      const i = choose(accept);
      if (i < 0) return undefined;
      // as Traefik: the round robin advances only when it broke a tie
      if (tied) deadlines[i] = deadlines[i]! + 1 / servers[i]!.ref.weight;
      return servers[i];
    },
    peek(_clientIP, accept) {
      const i = choose(accept);
      return i < 0 ? undefined : servers[i];
    },
    observe(server, ms) {
      const i = position.get(server);
      if (i !== undefined && Number.isFinite(ms) && ms >= 0) times[i]!.add(ms);
    },
  };
}
