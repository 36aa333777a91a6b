import { defineError } from '@wharf/config';

/**
 * Coded problems of the TLS configuration and of the handshake path (see docs/errors.md).
 * Configuration problems are never thrown out of the build: they are `TlsIssue`s carried by the
 * certificate, option set or router they concern. Branch on `code`, never on the message.
 */
export const TLS_FILE_UNREADABLE = 'WHARF_TLS_FILE_UNREADABLE';
export const TLS_NOT_PEM = 'WHARF_TLS_NOT_PEM';
export const TLS_BAD_KEY = 'WHARF_TLS_BAD_KEY';
export const TLS_KEY_MISMATCH = 'WHARF_TLS_KEY_MISMATCH';
export const TLS_CERT_EXPIRED = 'WHARF_TLS_CERT_EXPIRED';
export const TLS_CERT_NOT_YET_VALID = 'WHARF_TLS_CERT_NOT_YET_VALID';
export const TLS_CERT_DUPLICATE = 'WHARF_TLS_CERT_DUPLICATE';
export const TLS_STORE_IGNORED = 'WHARF_TLS_STORE_IGNORED';
export const TLS_DEFAULT_CERT = 'WHARF_TLS_DEFAULT_CERT';
export const TLS_OPTIONS_UNKNOWN_NAME = 'WHARF_TLS_OPTIONS_UNKNOWN_NAME';
export const TLS_OPTIONS_INVALID = 'WHARF_TLS_OPTIONS_INVALID';
export const TLS_OPTIONS_DEPRECATED = 'WHARF_TLS_OPTIONS_DEPRECATED';
export const TLS_OPTIONS_NOT_FOUND = 'WHARF_TLS_OPTIONS_NOT_FOUND';
export const TLS_OPTIONS_BROKEN = 'WHARF_TLS_OPTIONS_BROKEN';
export const TLS_OPTIONS_CONFLICT = 'WHARF_TLS_OPTIONS_CONFLICT';
export const TLS_OPTIONS_NO_DOMAIN = 'WHARF_TLS_OPTIONS_NO_DOMAIN';

/** ClientHello reader results (never thrown: `readClientHello` returns them). */
export const TLS_HELLO_MALFORMED = 'WHARF_TLS_HELLO_MALFORMED';
export const TLS_HELLO_TOO_LARGE = 'WHARF_TLS_HELLO_TOO_LARGE';

export type TlsIssueSeverity = 'error' | 'warning';

/** One problem of one certificate, option set, store or router. */
export interface TlsIssue {
  code: string;
  severity: TlsIssueSeverity;
  message: string;
}

export function tlsError(code: string, message: string): TlsIssue {
  return { code, severity: 'error', message };
}

export function tlsWarning(code: string, message: string): TlsIssue {
  return { code, severity: 'warning', message };
}

/** Handshake-path errors: why a connection was refused (logged; the socket is destroyed). */
export const TlsErrors = {
  /** `sniStrict` and no certificate matches the SNI */
  sniStrict: defineError('WHARF_TLS_SNI_STRICT', 421, (name: string) => `no certificate for "${name}" and sniStrict is on`),
  /** the client offered `acme-tls/1` and no challenge certificate matches */
  noChallengeCertificate: defineError('WHARF_TLS_NO_CHALLENGE_CERT', 421, (name: string) => `no TLS-ALPN-01 challenge certificate for "${name}"`),
  /** the option set is broken: connections that would use it are closed (Traefik's brokenTLSRouter) */
  brokenOptions: defineError('WHARF_TLS_OPTIONS_BROKEN', 421, (name: string) => `TLS options "${name}" are broken`),
  /** OpenSSL refused to build the SecureContext for a (certificate, options) pair */
  contextFailed: defineError('WHARF_TLS_CONTEXT_FAILED', 500, (certificate: string, options: string, reason: string) => `cannot serve ${certificate} with TLS options "${options}": ${reason}`),
  /** RequireAnyClientCert / RequireAndVerifyClientCert and the client sent no certificate */
  clientCertRequired: defineError('WHARF_TLS_CLIENT_CERT_REQUIRED', 403, () => 'a client certificate is required'),
  /** VerifyClientCertIfGiven / RequireAndVerifyClientCert and the certificate does not verify */
  clientCertInvalid: defineError('WHARF_TLS_CLIENT_CERT_INVALID', 403, (reason: string) => `client certificate rejected: ${reason}`),
} as const;
