import { Type } from '@sinclair/typebox';
import { DURATION_PATTERN, parseDuration, type Duration } from '@wharf/config';

/**
 * A non-negative Traefik duration: `"10s"`, `"1m30s"`, `"100ms"` or a number of seconds. Same
 * grammar as @wharf/config's `DurationSchema`; middleware timers never take negative values.
 */
export const DurationSchema = Type.Union([
  Type.Number({ minimum: 0 }),
  Type.String({ pattern: `(?!\\s*-)(?:${DURATION_PATTERN})` }),
]);

/** Milliseconds of a (schema-checked) Traefik duration, or `fallbackMs` when absent. */
export function durationMs(value: Duration | undefined, fallbackMs: number): number {
  return value === undefined ? fallbackMs : parseDuration(value);
}
