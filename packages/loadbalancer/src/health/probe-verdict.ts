/** Consecutive-result counters of one server's active check. */
export interface ProbeCounters {
  up: boolean;
  /** no probe has completed yet for a server that started DOWN */
  initial: boolean;
  successes: number;
  failures: number;
}

export interface Thresholds {
  /** consecutive successes before DOWN → UP */
  rise: number;
  /** consecutive failures before UP → DOWN */
  fall: number;
}

/**
 * The active-check state machine (pure). A server that starts DOWN (`initial`) goes UP on its
 * first success; afterwards `rise` successes bring it UP and `fall` failures take it DOWN.
 */
export function applyProbe(counters: ProbeCounters, ok: boolean, thresholds: Thresholds): ProbeCounters {
  if (ok) {
    const successes = counters.successes + 1;
    const up = counters.up || counters.initial || successes >= thresholds.rise;
    return { up, initial: false, successes, failures: 0 };
  }
  const failures = counters.failures + 1;
  const up = counters.up && failures < thresholds.fall;
  return { up, initial: false, successes: 0, failures };
}

/** Healthy HTTP status: exactly `expected` when set, else 2xx/3xx (Traefik). */
export function isHealthyStatus(status: number, expected?: number): boolean {
  return expected !== undefined && expected > 0 ? status === expected : status >= 200 && status < 400;
}
