import { readClientHello, type ClientHelloResult } from './read-client-hello.js';

/**
 * Postgres' SSLRequest, the whole of what a client sends before asking for TLS: an int32 length
 * (8) and the request code 80877103 (1234 << 16 | 5679), both big-endian.
 */
export const POSTGRES_SSL_REQUEST: Readonly<Uint8Array> = Uint8Array.of(0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f);
/** A server's one-byte yes to an SSLRequest (`S`); a server without TLS answers `N`. */
export const POSTGRES_SSL_ACCEPT: Readonly<Uint8Array> = Uint8Array.of(0x53);

export type SslRequestResult = 'needMore' | 'sslRequest' | 'other';

/**
 * Whether `data` (the first bytes of a connection) opens with an SSLRequest. Decided byte by byte,
 * as Traefik peeks: the first byte that differs answers `other` at once, so a protocol whose
 * client sends a few bytes and then waits is never held; all eight equal answers `sslRequest`.
 * Only a strict prefix of the eight bytes asks for more.
 */
export function readPostgresSslRequest(data: Uint8Array): SslRequestResult {
  const n = Math.min(data.length, POSTGRES_SSL_REQUEST.length);
  for (let i = 0; i < n; i++) if (data[i] !== POSTGRES_SSL_REQUEST[i]) return 'other';
  return n === POSTGRES_SSL_REQUEST.length ? 'sslRequest' : 'needMore';
}

export type ConnectionStartResult = ClientHelloResult | { kind: 'postgresSslRequest' };

/**
 * The start of a connection on an entrypoint with TLS TCP routers: a Postgres SSLRequest (the
 * STARTTLS of Postgres clients), else whatever `readClientHello` makes of the same bytes. What
 * follows an SSLRequest is not looked at here: the client sends its ClientHello only once it has
 * been answered.
 */
export function readConnectionStart(data: Uint8Array): ConnectionStartResult {
  const postgres = readPostgresSslRequest(data);
  if (postgres === 'sslRequest') return { kind: 'postgresSslRequest' };
  if (postgres === 'needMore') return { kind: 'needMore' };
  return readClientHello(data);
}
