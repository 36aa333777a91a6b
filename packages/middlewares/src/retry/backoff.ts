/**
 * Delay before retry number `retry` (1-based): `initial` for the first, growing exponentially so
 * the last retry waits ~2× `initial` (Traefik tunes its multiplier the same way). 0 → immediate.
 */
export function backoffDelayMs(initialMs: number, retry: number, attempts: number): number {
  if (initialMs <= 0 || retry <= 1) return Math.max(0, initialMs);
  const steps = Math.max(1, attempts - 2);
  return initialMs * 2 ** ((retry - 1) / steps);
}
