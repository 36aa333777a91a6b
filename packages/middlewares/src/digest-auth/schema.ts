import { Type, type Static } from '@sinclair/typebox';

export const DigestAuthSchema = Type.Object(
  {
    /** htdigest lines `user:realm:md5(user:realm:password)` */
    users: Type.Optional(Type.Array(Type.String({ pattern: '^[^:]+:[^:]*:[0-9a-fA-F]{32}$' }))),
    usersFile: Type.Optional(Type.String({ minLength: 1 })),
    realm: Type.Optional(Type.String()),
    headerField: Type.Optional(Type.String({ minLength: 1 })),
    removeHeader: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type DigestAuthOptions = Static<typeof DigestAuthSchema>;
