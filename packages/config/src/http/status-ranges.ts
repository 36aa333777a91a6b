/**
 * HTTP status ranges as Traefik writes them: `"500-599"`, `"404"`, and in label values several
 * separated by commas (`"500-599,429"`). One grammar for every user (retry, errors, the access
 * log filter): 3-digit codes, blanks allowed around codes and separators.
 */

/** A comma list of ranges (the JSON Schema `pattern` of a status-ranges option). */
export const STATUS_RANGES_PATTERN = '^\\s*\\d{3}(\\s*-\\s*\\d{3})?(\\s*,\\s*\\d{3}(\\s*-\\s*\\d{3})?)*\\s*$';

const RANGE = /^\s*(\d{3})\s*(?:-\s*(\d{3})\s*)?$/;

/** Inclusive bounds. */
export type StatusRange = readonly [low: number, high: number];

export type StatusMatcher = (status: number) => boolean;

/** One range or one code; undefined when malformed or empty (`low > high`). */
export function parseStatusRange(spec: string): StatusRange | undefined {
  const m = RANGE.exec(spec);
  if (m === null) return undefined;
  const low = Number(m[1]);
  const high = m[2] === undefined ? low : Number(m[2]);
  return low <= high ? [low, high] : undefined;
}

/** Ranges from a list whose items may each hold several, comma-separated; malformed ones are skipped. */
export function parseStatusRanges(input: string | readonly string[] | undefined): StatusRange[] {
  const items = typeof input === 'string' ? [input] : (input ?? []);
  const out: StatusRange[] = [];
  for (const item of items) {
    for (const part of item.split(',')) {
      const range = parseStatusRange(part);
      if (range !== undefined) out.push(range);
    }
  }
  return out;
}

/** A predicate over statuses: true when one of `ranges` holds it. */
export function matchStatusRanges(ranges: readonly StatusRange[]): StatusMatcher {
  return (status) => {
    for (const [low, high] of ranges) if (status >= low && status <= high) return true;
    return false;
  };
}

/** `parseStatusRanges` then `matchStatusRanges`, compiled once. */
export function compileStatusRanges(input: string | readonly string[] | undefined): StatusMatcher {
  return matchStatusRanges(parseStatusRanges(input));
}
