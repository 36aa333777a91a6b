import { Type, type Static } from '@sinclair/typebox';

export const BasicAuthSchema = Type.Object(
  {
    users: Type.Optional(Type.Array(Type.String({ pattern: '^[^:]+:.+$' }))),
    usersFile: Type.Optional(Type.String({ minLength: 1 })),
    realm: Type.Optional(Type.String()),
    headerField: Type.Optional(Type.String({ minLength: 1 })),
    removeHeader: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type BasicAuthOptions = Static<typeof BasicAuthSchema>;
