/**
 * The dynamic TLS configuration (Traefik's `tls` section, `pkg/tls/tls.go`): certificates, stores
 * and option sets. Names and shapes are Traefik's, so a Traefik file provider config works as is.
 * Values stay strings here (`VersionTLS12`, Go cipher-suite names): `@wharf/tls` checks them per
 * option set, so one typo disables that option set only, with "did you mean …".
 */

/** A file path, or the PEM content itself (Traefik's `types.FileOrContent`). */
export type FileOrContent = string;

/** A certificate and its key (Traefik's `tls.Certificate`). */
export interface TlsCertificatePairConfig {
  certFile: FileOrContent;
  keyFile: FileOrContent;
}

/** An entry of `tls.certificates` (Traefik's `CertAndStores`); no `stores` = the `default` store. */
export interface TlsCertificateConfig extends TlsCertificatePairConfig {
  stores?: string[];
}

export interface TlsDomainConfig {
  main?: string;
  sans?: string[];
}

/** `tls.stores.<name>.defaultGeneratedCert`: the default certificate comes from an ACME resolver. */
export interface TlsGeneratedCertConfig {
  resolver?: string;
  domain?: TlsDomainConfig;
}

/** `tls.stores.<name>` (Traefik's `tls.Store`). Only the `default` store is used for serving. */
export interface TlsStoreConfig {
  defaultCertificate?: TlsCertificatePairConfig;
  defaultGeneratedCert?: TlsGeneratedCertConfig;
}

/** Go's `tls.ClientAuthType` names, as Traefik spells them. */
export type TlsClientAuthType =
  | 'NoClientCert'
  | 'RequestClientCert'
  | 'RequireAnyClientCert'
  | 'VerifyClientCertIfGiven'
  | 'RequireAndVerifyClientCert';

export interface TlsClientAuthConfig {
  /** CA certificates (paths or PEM) that client certificates are verified against */
  caFiles?: FileOrContent[];
  /** a `TlsClientAuthType` name; with `caFiles` and no type: `RequireAndVerifyClientCert` */
  clientAuthType?: string;
}

/** `tls.options.<name>` (Traefik's `tls.Options`). */
export interface TlsOptionsConfig {
  /** `VersionTLS10` … `VersionTLS13`; default `VersionTLS12` */
  minVersion?: string;
  maxVersion?: string;
  /** Go cipher-suite names (`TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256`); TLS 1.3 suites are not configurable */
  cipherSuites?: string[];
  /** `CurveP256`, `CurveP384`, `CurveP521`, `X25519` (or the RFC names `secp256r1`, `x25519`, …) */
  curvePreferences?: string[];
  clientAuth?: TlsClientAuthConfig;
  /** refuse handshakes whose SNI matches no certificate (instead of serving the default one) */
  sniStrict?: boolean;
  /** default `h2`, `http/1.1`, `acme-tls/1` */
  alpnProtocols?: string[];
  disableSessionTickets?: boolean;
  /** deprecated in Traefik and ineffective: accepted with a warning */
  preferServerCipherSuites?: boolean;
}

export interface TlsConfiguration {
  certificates?: TlsCertificateConfig[];
  options?: Record<string, TlsOptionsConfig>;
  stores?: Record<string, TlsStoreConfig>;
}

/** The option set a router gets without `tls.options`, and the store every router uses. */
export const TLS_DEFAULT_OPTIONS_NAME = 'default';
export const TLS_DEFAULT_STORE_NAME = 'default';
/** The store of TLS-ALPN-01 challenge certificates, used only when the client offers `acme-tls/1`. */
export const TLS_ACME_ALPN_STORE_NAME = 'acme-tls/1';
export const ACME_TLS_ALPN_PROTOCOL = 'acme-tls/1';
export const DEFAULT_TLS_MIN_VERSION = 'VersionTLS12';
export const DEFAULT_TLS_ALPN_PROTOCOLS: readonly string[] = Object.freeze(['h2', 'http/1.1', ACME_TLS_ALPN_PROTOCOL]);
