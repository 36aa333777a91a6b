import { constants } from 'node:crypto';

/**
 * Which cipher suite a handshake gets, as Go's `crypto/tls` (so Traefik) picks it: the server's
 * preference, not the client's. Go has done so since 1.17 and ignores the order of a configured
 * `cipherSuites` list. Node's default follows the client's order instead: OpenSSL clients such as
 * curl and wrk list TLS_AES_256_GCM_SHA384 first and get it, where Go chooses
 * TLS_AES_128_GCM_SHA256. That is as safe and cheaper (SHA-256 rather than SHA-384 for the
 * handshake's hashes, AES-128 for the records).
 *
 * Go's AES rule ("aesgcmPreferred"): a client that lists a ChaCha20 suite first, typically one
 * without AES hardware, gets ChaCha20. OpenSSL's SSL_OP_PRIORITIZE_CHACHA does the same.
 */

/** Go's `defaultCipherSuitesTLS13`, also its preference order */
export const GO_TLS13_SUITES: readonly string[] = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'];

/** Go's `cipherSuitesPreferenceOrder` (TLS 1.0 to 1.2), as OpenSSL names */
const GO_PREFERENCE_ORDER: readonly string[] = [
  // AEADs with ECDHE
  'ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305', 'ECDHE-RSA-CHACHA20-POLY1305',
  // CBC with ECDHE
  'ECDHE-ECDSA-AES128-SHA', 'ECDHE-RSA-AES128-SHA',
  'ECDHE-ECDSA-AES256-SHA', 'ECDHE-RSA-AES256-SHA',
  // AEADs, then CBC, without ECDHE
  'AES128-GCM-SHA256', 'AES256-GCM-SHA384',
  'AES128-SHA', 'AES256-SHA',
  // 3DES
  'ECDHE-RSA-DES-CBC3-SHA', 'DES-CBC3-SHA',
  // CBC with SHA-256
  'ECDHE-ECDSA-AES128-SHA256', 'ECDHE-RSA-AES128-SHA256', 'AES128-SHA256',
  // RC4
  'ECDHE-ECDSA-RC4-SHA', 'ECDHE-RSA-RC4-SHA', 'RC4-SHA',
];

/**
 * Go's default TLS 1.2 suites (Go 1.23 and later, so Traefik 3): the ECDHE ones of the
 * preference order, without 3DES, RC4 or the CBC-SHA256 suites.
 */
export const GO_DEFAULT_TLS12_SUITES: readonly string[] = GO_PREFERENCE_ORDER.slice(0, 10);

const RANK = new Map(GO_PREFERENCE_ORDER.map((name, i) => [name, i]));

/** A configured list in Go's preference order (Go ignores the order it was written in). */
export function inGoPreferenceOrder(suites: readonly string[]): string[] {
  return [...suites].sort((a, b) => (RANK.get(a) ?? RANK.size) - (RANK.get(b) ?? RANK.size));
}

/** `secureOptions` bits that make OpenSSL choose as Go does (server order, ChaCha20 rule) */
export const GO_CHOICE_SECURE_OPTIONS = constants.SSL_OP_CIPHER_SERVER_PREFERENCE | constants.SSL_OP_PRIORITIZE_CHACHA;
