import { Type } from '@sinclair/typebox';

/**
 * Schemas of the dynamic `tls` section (model/tls.ts). Names and values that need knowledge of
 * TLS (versions, cipher suites, curves, client auth types) stay strings: `@wharf/tls` checks
 * them per option set, so a typo there disables one option set, not the whole section.
 */
export const TlsCertificatePairSchema = Type.Object({
  certFile: Type.String(),
  keyFile: Type.String(),
});

export const TlsCertificateSchema = Type.Object({
  certFile: Type.String(),
  keyFile: Type.String(),
  stores: Type.Optional(Type.Array(Type.String())),
});

export const TlsDomainSchema = Type.Object({
  main: Type.Optional(Type.String()),
  sans: Type.Optional(Type.Array(Type.String())),
});

export const TlsStoreSchema = Type.Object({
  defaultCertificate: Type.Optional(TlsCertificatePairSchema),
  defaultGeneratedCert: Type.Optional(
    Type.Object({ resolver: Type.Optional(Type.String()), domain: Type.Optional(TlsDomainSchema) }),
  ),
});

export const TlsClientAuthSchema = Type.Object({
  caFiles: Type.Optional(Type.Array(Type.String())),
  clientAuthType: Type.Optional(Type.String()),
});

export const TlsOptionsSchema = Type.Object({
  minVersion: Type.Optional(Type.String()),
  maxVersion: Type.Optional(Type.String()),
  cipherSuites: Type.Optional(Type.Array(Type.String())),
  curvePreferences: Type.Optional(Type.Array(Type.String())),
  clientAuth: Type.Optional(TlsClientAuthSchema),
  sniStrict: Type.Optional(Type.Boolean()),
  alpnProtocols: Type.Optional(Type.Array(Type.String())),
  disableSessionTickets: Type.Optional(Type.Boolean()),
  preferServerCipherSuites: Type.Optional(Type.Boolean()),
});

export const TlsConfigurationSchema = Type.Object({
  certificates: Type.Optional(Type.Array(TlsCertificateSchema)),
  options: Type.Optional(Type.Record(Type.String(), TlsOptionsSchema)),
  stores: Type.Optional(Type.Record(Type.String(), TlsStoreSchema)),
});
