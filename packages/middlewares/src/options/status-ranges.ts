import { Type } from '@sinclair/typebox';

/** `["500-599", "429"]` or `"500-599,429"` (a label value). */
export const StatusRangesSchema = Type.Union([
  Type.Array(Type.String({ pattern: '^\\s*\\d{3}(\\s*-\\s*\\d{3})?(\\s*,\\s*\\d{3}(\\s*-\\s*\\d{3})?)*\\s*$' })),
  Type.String({ pattern: '^\\s*\\d{3}(\\s*-\\s*\\d{3})?(\\s*,\\s*\\d{3}(\\s*-\\s*\\d{3})?)*\\s*$' }),
]);

export type StatusMatcher = (status: number) => boolean;

/** Compiles status ranges once into a predicate. */
export function compileStatusRanges(input: string | string[] | undefined): StatusMatcher {
  const parts = (Array.isArray(input) ? input : input ? [input] : []).flatMap((s) => s.split(','));
  const ranges: Array<[number, number]> = [];
  for (const part of parts) {
    const [lo, hi] = part.split('-').map((s) => Number(s.trim()));
    if (lo === undefined || Number.isNaN(lo)) continue;
    ranges.push([lo, hi === undefined || Number.isNaN(hi) ? lo : hi]);
  }
  return (status) => ranges.some(([lo, hi]) => status >= lo && status <= hi);
}
