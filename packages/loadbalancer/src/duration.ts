import type { Duration } from '@wharf/config';
import { LoadBalancerErrors } from './errors.js';

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;

/**
 * Parses a Traefik duration into milliseconds: Go duration strings (`"10s"`, `"100ms"`,
 * `"1m30s"`, `"-1s"`) or a bare number of seconds (number or numeric string).
 * Throws `WHARF_LB_INVALID_DURATION` on anything else.
 */
export function parseDuration(value: Duration): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw LoadBalancerErrors.invalidDuration(String(value));
    return value * 1000;
  }
  const text = value.trim();
  if (text !== '' && Number.isFinite(Number(text))) return Number(text) * 1000;
  let sign = 1;
  let pos = 0;
  if (text.startsWith('-') || text.startsWith('+')) {
    sign = text.startsWith('-') ? -1 : 1;
    pos = 1;
  }
  if (pos >= text.length) throw LoadBalancerErrors.invalidDuration(value);
  let total = 0;
  while (pos < text.length) {
    PART.lastIndex = pos;
    const match = PART.exec(text);
    if (!match) throw LoadBalancerErrors.invalidDuration(value);
    total += Number(match[1]) * (UNIT_MS[match[2] as string] as number);
    pos = PART.lastIndex;
  }
  return sign * total;
}

/** A positive duration in ms, or `fallbackMs` when absent or ≤ 0 (Traefik: invalid values ⇒ defaults). */
export function positiveDurationOr(value: Duration | undefined, fallbackMs: number): number {
  if (value === undefined || value === '') return fallbackMs;
  const ms = parseDuration(value);
  return ms > 0 ? ms : fallbackMs;
}
