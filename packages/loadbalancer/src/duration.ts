import { parseDuration, type Duration } from '@wharf/config';

/**
 * Traefik durations (`"10s"`, `"100ms"`, `"1m30s"`, numbers = seconds) → ms. The parser lives in
 * @wharf/config (one implementation); re-exported here for balancer users.
 */
export { parseDuration };

/** A positive duration in ms, or `fallbackMs` when absent or ≤ 0 (Traefik: invalid values ⇒ defaults). */
export function positiveDurationOr(value: Duration | undefined, fallbackMs: number): number {
  if (value === undefined || value === '') return fallbackMs;
  const ms = parseDuration(value);
  return ms > 0 ? ms : fallbackMs;
}
