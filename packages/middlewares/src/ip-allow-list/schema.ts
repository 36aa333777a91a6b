import { Type, type Static } from '@sinclair/typebox';
import { IPStrategySchema } from '../source/ip-strategy.js';

export const IPAllowListSchema = Type.Object(
  {
    sourceRange: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
    ipStrategy: Type.Optional(IPStrategySchema),
    rejectStatusCode: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
  },
  { additionalProperties: false },
);
export type IPAllowListOptions = Static<typeof IPAllowListSchema>;
