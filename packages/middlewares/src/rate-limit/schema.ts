import { Type, type Static } from '@sinclair/typebox';
import { DurationSchema } from '../options/duration.js';
import { SourceCriterionSchema } from '../source/source-criterion.js';

const RedisOptionsSchema = Type.Object(
  {
    endpoints: Type.Array(Type.String({ pattern: '^[^:\\s]+:\\d+$' }), { minItems: 1 }),
    username: Type.Optional(Type.String()),
    password: Type.Optional(Type.String()),
    db: Type.Optional(Type.Integer({ minimum: 0 })),
    poolSize: Type.Optional(Type.Integer({ minimum: 0 })),
    minIdleConns: Type.Optional(Type.Integer({ minimum: 0 })),
    maxActiveConns: Type.Optional(Type.Integer({ minimum: 0 })),
    readTimeout: Type.Optional(DurationSchema),
    writeTimeout: Type.Optional(DurationSchema),
    dialTimeout: Type.Optional(DurationSchema),
  },
  { additionalProperties: false },
);
export type RedisOptions = Static<typeof RedisOptionsSchema>;

export const RateLimitSchema = Type.Object(
  {
    /** requests per `period`; 0 = no limit */
    average: Type.Optional(Type.Number({ minimum: 0 })),
    period: Type.Optional(DurationSchema),
    burst: Type.Optional(Type.Integer({ minimum: 0 })),
    sourceCriterion: Type.Optional(SourceCriterionSchema),
    redis: Type.Optional(RedisOptionsSchema),
  },
  { additionalProperties: false },
);
export type RateLimitOptions = Static<typeof RateLimitSchema>;
