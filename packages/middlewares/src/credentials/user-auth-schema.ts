import { Type, type TString } from '@sinclair/typebox';

/**
 * The options basicAuth and digestAuth share (Traefik: users, usersFile, realm, headerField,
 * removeHeader); `userLine` validates one `users` entry (htpasswd or htdigest line).
 */
export function userAuthSchema<T extends TString>(userLine: T) {
  return Type.Object(
    {
      users: Type.Optional(Type.Array(userLine)),
      usersFile: Type.Optional(Type.String({ minLength: 1 })),
      realm: Type.Optional(Type.String()),
      headerField: Type.Optional(Type.String({ minLength: 1 })),
      removeHeader: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  );
}
