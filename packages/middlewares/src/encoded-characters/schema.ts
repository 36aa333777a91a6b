import { Type, type Static } from '@sinclair/typebox';

export const EncodedCharactersSchema = Type.Object(
  {
    allowEncodedSlash: Type.Optional(Type.Boolean()),
    allowEncodedBackSlash: Type.Optional(Type.Boolean()),
    allowEncodedNullCharacter: Type.Optional(Type.Boolean()),
    allowEncodedSemicolon: Type.Optional(Type.Boolean()),
    allowEncodedPercent: Type.Optional(Type.Boolean()),
    allowEncodedQuestionMark: Type.Optional(Type.Boolean()),
    allowEncodedHash: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type EncodedCharactersOptions = Static<typeof EncodedCharactersSchema>;
