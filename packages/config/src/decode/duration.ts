import { defineError } from '../errors.js';
import type { Duration } from '../model/http.js';

export const invalidDuration = defineError(
  'WHARF_CONFIG_BAD_DURATION',
  500,
  (value: string) => `invalid duration "${value}" (expected e.g. "10s", "100ms", "1m30s" or a number of seconds)`,
);

/** The longest delay a Node timer holds (2^31-1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** What a duration should have been when a timer cannot use it, or undefined when it can. */
export function durationRangeProblem(ms: number): { expected: string; problem: string } | undefined {
  if (ms < 0) return { expected: 'a duration that is not negative', problem: 'must not be negative' };
  if (ms > MAX_TIMER_MS) {
    const most = `at most ${MAX_TIMER_MS}ms, about 24.8 days`;
    return { expected: `a duration a timer can hold (${most})`, problem: `is longer than a timer can hold (${most})` };
  }
  return undefined;
}

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Matches a Go-style duration ("1m30s", "-1.5h") or a plain number of seconds. */
export const DURATION_PATTERN = '^\\s*[-+]?(?:(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:ns|us|µs|μs|ms|s|m|h))+\\s*$|^\\s*[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)\\s*$';

const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/gy;

/**
 * Traefik durations to milliseconds: `"10s"`, `"100ms"`, `"1m30s"`, `"1h"`; a plain number
 * (or numeric string) is seconds, as in Traefik's file and label formats.
 */
export function parseDuration(d: Duration): number {
  if (typeof d === 'number') {
    if (!Number.isFinite(d)) throw invalidDuration(String(d));
    return d * 1000;
  }
  if (typeof d !== 'string') throw invalidDuration(String(d));
  let text = d.trim();
  if (text === '') throw invalidDuration(d);
  let sign = 1;
  if (text[0] === '-' || text[0] === '+') {
    if (text[0] === '-') sign = -1;
    text = text.slice(1);
  }
  if (/^(\d+(\.\d*)?|\.\d+)$/.test(text)) return sign * Number(text) * 1000;
  PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  for (let m = PART.exec(text); m !== null; m = PART.exec(text)) {
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    consumed = PART.lastIndex;
  }
  if (consumed !== text.length || consumed === 0) throw invalidDuration(d);
  return sign * total;
}
