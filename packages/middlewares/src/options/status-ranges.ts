import { Type } from '@sinclair/typebox';
import { STATUS_RANGES_PATTERN } from '@wharf/config';

/** `["500-599", "429"]` or `"500-599,429"` (a label value); parsed by config's `compileStatusRanges`. */
export const StatusRangesSchema = Type.Union([
  Type.Array(Type.String({ pattern: STATUS_RANGES_PATTERN })),
  Type.String({ pattern: STATUS_RANGES_PATTERN }),
]);
