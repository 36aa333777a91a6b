import { Type, type Static } from '@sinclair/typebox';
import { DurationSchema } from '@wharf/config';

const Duration = (description: string) => Type.Optional(Type.Union(DurationSchema.anyOf, { description }));

/** Traefik's `keyType` names; wharf defaults to EC256 (Traefik: RSA4096) for faster handshakes. */
export const ACME_KEY_TYPES = ['EC256', 'EC384', 'RSA2048', 'RSA4096'] as const;
export type AcmeKeyType = (typeof ACME_KEY_TYPES)[number];

export const LETSENCRYPT_PRODUCTION = 'https://acme-v02.api.letsencrypt.org/directory';

/**
 * `certificatesResolvers.<name>.acme` (Traefik's `acme.Configuration`), same names and flags:
 * `--certificatesresolvers.le.acme.email=…`, `--certificatesresolvers.le.acme.httpchallenge.entrypoint=web`.
 */
export const AcmeResolverOptionsSchema = Type.Object({
  email: Type.Optional(Type.String({ description: 'account email' })),
  storage: Type.String({ default: 'acme.json', description: 'acme.json file (Traefik format, written 0600)' }),
  caServer: Type.String({ default: LETSENCRYPT_PRODUCTION, description: 'ACME directory URL' }),
  keyType: Type.Unsafe<AcmeKeyType>(
    Type.Union(ACME_KEY_TYPES.map((k) => Type.Literal(k)), { default: 'EC256', description: 'certificate key type' }),
  ),
  certificatesDuration: Type.Integer({ default: 2160, minimum: 1, description: 'certificate lifetime in hours (renewal timing)' }),
  httpChallenge: Type.Optional(Type.Object({ entryPoint: Type.String({ description: 'entrypoint serving HTTP-01' }), delay: Duration('wait this long after publishing the challenge before the CA is asked to check it') })),
  tlsChallenge: Type.Optional(Type.Object({ delay: Duration('wait this long after publishing the challenge before the CA is asked to check it') }, { description: 'use TLS-ALPN-01' })),
  emailAddresses: Type.Optional(Type.Array(Type.String(), { description: 'more account contacts, after email' })),
  eab: Type.Optional(Type.Object({
    kid: Type.String({ description: 'External Account Binding key id (ZeroSSL, Google Trust Services…)' }),
    hmacEncoded: Type.String({ description: 'its HMAC key, base64url' }),
  })),
  preferredChain: Type.Optional(Type.String({ description: 'pick the alternate chain whose root (or an issuer) has this common name' })),
  disableCommonName: Type.Optional(Type.Boolean({ description: 'leave the common name out of the CSR (SANs only)' })),
  clientTimeout: Duration('timeout of each request to the CA (default 30s)'),
  caCertificates: Type.Optional(Type.Array(Type.String(), { description: 'PEM files trusted for the CA server' })),
  caSystemCertPool: Type.Boolean({ default: false, description: 'also trust the system roots with caCertificates' }),
  caServerName: Type.Optional(Type.String({ description: 'TLS server name checked on the CA server' })),
});

export const CertificateResolverSchema = Type.Object({ acme: Type.Optional(AcmeResolverOptionsSchema) });

export type AcmeResolverOptions = Static<typeof AcmeResolverOptionsSchema>;
