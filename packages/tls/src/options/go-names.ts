import type { RequestTls, TlsClientAuthType } from '@wharf/config';
import { goSubjectString, type PeerSubject } from '../certificates/go-subject.js';

/**
 * Go's `crypto/tls` names, as Traefik accepts them (`pkg/tls/tls.go`, `pkg/tls/cipher.go`),
 * mapped to what Node and OpenSSL take.
 */
export const TLS_VERSIONS: Readonly<Record<string, 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3'>> = {
  VersionTLS10: 'TLSv1',
  VersionTLS11: 'TLSv1.1',
  VersionTLS12: 'TLSv1.2',
  VersionTLS13: 'TLSv1.3',
};

export const VERSION_ORDER = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;

/**
 * Go's TLS 1.0–1.2 cipher suites → OpenSSL names. The TLS 1.3 suites (and `TLS_FALLBACK_SCSV`)
 * are accepted and ignored, as in Go, where TLS 1.3 suites are not configurable.
 */
export const CIPHER_SUITES: Readonly<Record<string, string>> = {
  TLS_RSA_WITH_RC4_128_SHA: 'RC4-SHA',
  TLS_RSA_WITH_3DES_EDE_CBC_SHA: 'DES-CBC3-SHA',
  TLS_RSA_WITH_AES_128_CBC_SHA: 'AES128-SHA',
  TLS_RSA_WITH_AES_256_CBC_SHA: 'AES256-SHA',
  TLS_RSA_WITH_AES_128_CBC_SHA256: 'AES128-SHA256',
  TLS_RSA_WITH_AES_128_GCM_SHA256: 'AES128-GCM-SHA256',
  TLS_RSA_WITH_AES_256_GCM_SHA384: 'AES256-GCM-SHA384',
  TLS_ECDHE_ECDSA_WITH_RC4_128_SHA: 'ECDHE-ECDSA-RC4-SHA',
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA: 'ECDHE-ECDSA-AES128-SHA',
  TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA: 'ECDHE-ECDSA-AES256-SHA',
  TLS_ECDHE_RSA_WITH_RC4_128_SHA: 'ECDHE-RSA-RC4-SHA',
  TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA: 'ECDHE-RSA-DES-CBC3-SHA',
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA: 'ECDHE-RSA-AES128-SHA',
  TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA: 'ECDHE-RSA-AES256-SHA',
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256: 'ECDHE-ECDSA-AES128-SHA256',
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256: 'ECDHE-RSA-AES128-SHA256',
  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: 'ECDHE-RSA-AES128-GCM-SHA256',
  TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: 'ECDHE-ECDSA-AES128-GCM-SHA256',
  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384: 'ECDHE-RSA-AES256-GCM-SHA384',
  TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: 'ECDHE-ECDSA-AES256-GCM-SHA384',
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305: 'ECDHE-RSA-CHACHA20-POLY1305',
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256: 'ECDHE-RSA-CHACHA20-POLY1305',
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305: 'ECDHE-ECDSA-CHACHA20-POLY1305',
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256: 'ECDHE-ECDSA-CHACHA20-POLY1305',
};

export const IGNORED_CIPHER_SUITES: ReadonlySet<string> = new Set([
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_FALLBACK_SCSV',
]);

/** Go's curve names and the RFC 8446 names Traefik also accepts → OpenSSL group names. */
export const CURVES: Readonly<Record<string, string>> = {
  CurveP256: 'P-256',
  secp256r1: 'P-256',
  CurveP384: 'P-384',
  secp384r1: 'P-384',
  CurveP521: 'P-521',
  secp521r1: 'P-521',
  X25519: 'X25519',
  x25519: 'X25519',
  X25519MLKEM768: 'X25519MLKEM768',
  x25519mlkem768: 'X25519MLKEM768',
  SecP256r1MLKEM768: 'SecP256r1MLKEM768',
  secp256r1mlkem768: 'SecP256r1MLKEM768',
  SecP384r1MLKEM1024: 'SecP384r1MLKEM1024',
  secp384r1mlkem1024: 'SecP384r1MLKEM1024',
};

export const CLIENT_AUTH_TYPES: readonly TlsClientAuthType[] = [
  'NoClientCert',
  'RequestClientCert',
  'RequireAnyClientCert',
  'VerifyClientCertIfGiven',
  'RequireAndVerifyClientCert',
];

/** Go's `tls.VersionName` for Node's `getProtocol()` (metrics' `tls_version` label: `1.2`, `1.3`). */
export function tlsVersionLabel(protocol: string | null | undefined): string {
  switch (protocol) {
    case 'TLSv1':
      return '1.0';
    case 'TLSv1.1':
      return '1.1';
    case 'TLSv1.2':
      return '1.2';
    case 'TLSv1.3':
      return '1.3';
    default:
      return 'unknown';
  }
}

/**
 * Go's `CipherSuitesReversed` (Traefik's `GetCipherName`): the suite names a `tls_cipher` label can
 * carry. Node's `getCipher().standardName` is the IANA name, which is Go's for every suite Go knows
 * (ChaCha20 suites end in `_SHA256` in both); any other suite is `unknown`, as in Traefik.
 */
const GO_CIPHER_NAMES: ReadonlySet<string> = new Set(
  [...Object.keys(CIPHER_SUITES), ...IGNORED_CIPHER_SUITES].filter((n) => !n.endsWith('_CHACHA20_POLY1305')),
);

/** Go's (IANA) cipher-suite name of a connection, for metrics' `tls_cipher` label. */
export function tlsCipherLabel(cipher: { name: string; standardName?: string } | null | undefined): string {
  const name = cipher?.standardName;
  return name !== undefined && GO_CIPHER_NAMES.has(name) ? name : 'unknown';
}

/** what `connectionTls` reads of a TLS socket (a `TLSSocket`, or HTTP/2's proxy of one) */
export interface TlsConnectionLike {
  getProtocol(): string | null;
  getCipher(): { name: string; standardName?: string } | null | undefined;
  /** set by Node on a server socket that asked for a client certificate (one of the two) */
  authorized?: boolean;
  authorizationError?: unknown;
  getPeerCertificate?(): { subject?: PeerSubject } | null | undefined;
}

/** the client certificate's subject in Go's spelling, when the handshake asked for one and got it */
function clientSubjectOf(socket: TlsConnectionLike): string | undefined {
  if (socket.authorized !== true && socket.authorizationError === undefined) return undefined;
  const subject = socket.getPeerCertificate?.()?.subject;
  return subject === undefined ? undefined : goSubjectString(subject);
}

/** one frozen object per (version, cipher): a handful in practice, shared by every connection */
const interned = new Map<string, RequestTls>();

/**
 * A connection's `{version, cipher}` in Traefik's spelling (`1.3`, `TLS_AES_128_GCM_SHA256`), and
 * `clientSubject` when a client certificate was presented (its own object: subjects are not interned).
 */
export function connectionTls(socket: TlsConnectionLike): RequestTls {
  const version = tlsVersionLabel(socket.getProtocol());
  const cipher = tlsCipherLabel(socket.getCipher());
  const clientSubject = clientSubjectOf(socket);
  if (clientSubject !== undefined) return Object.freeze({ version, cipher, clientSubject });
  const key = `${version} ${cipher}`;
  let tls = interned.get(key);
  if (tls === undefined) interned.set(key, (tls = Object.freeze({ version, cipher })));
  return tls;
}
