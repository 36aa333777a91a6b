import { Type, type Static } from '@sinclair/typebox';

export const RedirectRegexSchema = Type.Object(
  { regex: Type.String({ minLength: 1 }), replacement: Type.String({ minLength: 1 }), permanent: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type RedirectRegexOptions = Static<typeof RedirectRegexSchema>;
