import { Type, type Static } from '@sinclair/typebox';

export const CompressSchema = Type.Object(
  {
    encodings: Type.Optional(Type.Array(Type.String({ pattern: '^(gzip|br|zstd)$' }), { minItems: 1 })),
    defaultEncoding: Type.Optional(Type.String()),
    excludedContentTypes: Type.Optional(Type.Array(Type.String())),
    includedContentTypes: Type.Optional(Type.Array(Type.String())),
    minResponseBodyBytes: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type CompressOptions = Static<typeof CompressSchema>;
