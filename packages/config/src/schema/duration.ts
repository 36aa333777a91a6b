import { Type } from '@sinclair/typebox';
import { DURATION_PATTERN } from '../decode/duration.js';

/** A Traefik duration: `"10s"`, `"100ms"`, `"1m30s"`, or a number of seconds. */
export const DurationSchema = Type.Union([Type.String({ pattern: DURATION_PATTERN }), Type.Number()]);
