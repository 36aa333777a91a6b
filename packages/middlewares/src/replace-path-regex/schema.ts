import { Type, type Static } from '@sinclair/typebox';

export const ReplacePathRegexSchema = Type.Object(
  { regex: Type.String({ minLength: 1 }), replacement: Type.String() },
  { additionalProperties: false },
);
export type ReplacePathRegexOptions = Static<typeof ReplacePathRegexSchema>;
