import { Type, type Static } from '@sinclair/typebox';

/**
 * Traefik's `ClientTLS` (`types.ClientTLS`): how wharf connects out over TLS to a helper server,
 * e.g. forwardAuth's `tls` or the Docker provider's `tls`. Paths (or PEM text) for ca/cert/key.
 */
export const ClientTlsSchema = Type.Object(
  {
    ca: Type.Optional(Type.String()),
    cert: Type.Optional(Type.String()),
    key: Type.Optional(Type.String()),
    insecureSkipVerify: Type.Optional(Type.Boolean()),
    /** deprecated in Traefik, accepted and ignored */
    caOptional: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ClientTlsConfig = Static<typeof ClientTlsSchema>;
