import { Type, type Static } from '@sinclair/typebox';

export const StripPrefixSchema = Type.Object(
  {
    prefixes: Type.Array(Type.String({ minLength: 1 })),
    /** deprecated (Traefik v2); default true: an emptied path becomes `/` */
    forceSlash: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type StripPrefixOptions = Static<typeof StripPrefixSchema>;
