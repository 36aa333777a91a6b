import { Type, type Static } from '@sinclair/typebox';
import { SourceCriterionSchema } from '../source/source-criterion.js';

export const InFlightReqSchema = Type.Object(
  { amount: Type.Integer({ minimum: 1 }), sourceCriterion: Type.Optional(SourceCriterionSchema) },
  { additionalProperties: false },
);
export type InFlightReqOptions = Static<typeof InFlightReqSchema>;
