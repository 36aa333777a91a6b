import { Type } from '@sinclair/typebox';

/** Traefik duration: `"10s"`, `"1m30s"`, `"100ms"` or a number of seconds. */
export const DurationSchema = Type.Union([Type.Number({ minimum: 0 }), Type.String({ pattern: '^\\s*([0-9.]+(ns|us|µs|ms|s|m|h)?)+\\s*$' })]);

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds of a Traefik duration; plain numbers (and unit-less strings) are seconds. */
export function durationMs(value: string | number | undefined, fallbackMs: number): number {
  if (value === undefined) return fallbackMs;
  if (typeof value === 'number') return value * 1000;
  const text = value.trim();
  if (/^[0-9.]+$/.test(text)) return Number(text) * 1000;
  let total = 0;
  for (const m of text.matchAll(/([0-9.]+)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * (UNIT_MS[m[2]!] ?? 0);
  return total;
}
