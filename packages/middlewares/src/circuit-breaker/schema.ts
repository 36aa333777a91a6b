import { Type, type Static } from '@sinclair/typebox';
import { DurationSchema } from '../options/duration.js';

export const CircuitBreakerSchema = Type.Object(
  {
    expression: Type.String({ minLength: 1 }),
    checkPeriod: Type.Optional(DurationSchema),
    fallbackDuration: Type.Optional(DurationSchema),
    recoveryDuration: Type.Optional(DurationSchema),
    responseCode: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
  },
  { additionalProperties: false },
);
export type CircuitBreakerOptions = Static<typeof CircuitBreakerSchema>;
