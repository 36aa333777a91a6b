import { Type, type Static } from '@sinclair/typebox';
import { DurationSchema } from '../options/duration.js';
import { StatusRangesSchema } from '../options/status-ranges.js';

export const RetrySchema = Type.Object(
  {
    /** total tries including the first (Traefik) */
    attempts: Type.Integer({ minimum: 1 }),
    initialInterval: Type.Optional(DurationSchema),
    /** budget for retrying, measured from the first attempt; 0 = none */
    timeout: Type.Optional(DurationSchema),
    status: Type.Optional(StatusRangesSchema),
    maxRequestBodyBytes: Type.Optional(Type.Integer({ minimum: -1 })),
    disableRetryOnNetworkError: Type.Optional(Type.Boolean()),
    retryNonIdempotentMethod: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type RetryOptions = Static<typeof RetrySchema>;
export const DEFAULT_MAX_RETRY_BODY = 2 * 1024 * 1024;
