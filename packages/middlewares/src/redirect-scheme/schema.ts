import { Type, type Static } from '@sinclair/typebox';

export const RedirectSchemeSchema = Type.Object(
  {
    scheme: Type.String({ minLength: 1 }),
    port: Type.Optional(Type.Union([Type.String({ pattern: '^\\d*$' }), Type.Integer({ minimum: 1, maximum: 65535 })])),
    permanent: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type RedirectSchemeOptions = Static<typeof RedirectSchemeSchema>;
