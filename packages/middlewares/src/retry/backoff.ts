/**
 * Delay before retry number `retry` (1-based): exponential from `initial` with Traefik's
 * multiplier 2^(1/(attempts-1)), so the progression stays under 2× `initial`. 0 → immediate.
 * (Traefik also randomises ±50%; wharf keeps it deterministic.)
 */
export function backoffDelayMs(initialMs: number, retry: number, attempts: number): number {
  if (initialMs <= 0 || attempts < 2) return 0;
  return initialMs * 2 ** ((retry - 1) / (attempts - 1));
}
