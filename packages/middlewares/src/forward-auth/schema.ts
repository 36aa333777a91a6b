import { Type, type Static } from '@sinclair/typebox';
import { ClientTlsSchema } from '@wharf/config';

export const ForwardAuthSchema = Type.Object(
  {
    address: Type.String({ pattern: '^https?://' }),
    trustForwardHeader: Type.Optional(Type.Boolean()),
    authResponseHeaders: Type.Optional(Type.Array(Type.String())),
    authResponseHeadersRegex: Type.Optional(Type.String()),
    authRequestHeaders: Type.Optional(Type.Array(Type.String())),
    addAuthCookiesToResponse: Type.Optional(Type.Array(Type.String())),
    forwardBody: Type.Optional(Type.Boolean()),
    /** bytes; -1 (default) = no limit */
    maxBodySize: Type.Optional(Type.Integer({ minimum: -1 })),
    maxResponseBodySize: Type.Optional(Type.Integer({ minimum: -1 })),
    /** auth reply header holding the user name, recorded in `ex.locals.get(CLIENT_USERNAME_LOCAL)` for the access log */
    headerField: Type.Optional(Type.String({ minLength: 1 })),
    preserveLocationHeader: Type.Optional(Type.Boolean()),
    preserveRequestMethod: Type.Optional(Type.Boolean()),
    tls: Type.Optional(ClientTlsSchema),
  },
  { additionalProperties: false },
);
export type ForwardAuthOptions = Static<typeof ForwardAuthSchema>;
