import { Type, type Static } from '@sinclair/typebox';

export const StripPrefixRegexSchema = Type.Object(
  { regex: Type.Array(Type.String({ minLength: 1 })) },
  { additionalProperties: false },
);
export type StripPrefixRegexOptions = Static<typeof StripPrefixRegexSchema>;
