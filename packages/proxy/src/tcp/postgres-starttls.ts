import type { Socket } from 'node:net';
import type { TlsOptions } from 'node:tls';
import { peekClientHello, POSTGRES_SSL_ACCEPT, POSTGRES_SSL_REQUEST, type PeekResult } from '@wharf/tls';
import { ProxyErrors } from '../errors.js';

/**
 * Answers the SSLRequest at the head of `socket` (peeked and put back, the socket paused): its 8
 * bytes are consumed, `S` is written, and the ClientHello the client then sends is peeked within
 * `timeoutMs` (what is left of the entrypoint's read timeout). Anything but a ClientHello is the
 * caller's to refuse.
 */
export function acceptSslRequest(socket: Socket, timeoutMs: number): Promise<PeekResult> {
  const request = socket.read(POSTGRES_SSL_REQUEST.length) as Buffer | null;
  if (request === null) return Promise.resolve({ kind: 'closed' });
  socket.write(POSTGRES_SSL_ACCEPT);
  socket.resume();
  return peekClientHello(socket, { timeoutMs });
}

/** What the server side of a forward must do before the client's bytes flow (a STARTTLS of its own). */
export interface UpstreamStartTls {
  /** written to the server first (after a PROXY header) */
  request: Uint8Array;
  /** the server's first bytes must be exactly these; they are not passed to the client */
  accept: Uint8Array;
  /** the error when they are not (the server's first bytes, or undefined when it closed first) */
  refused(server: string, reply: Buffer | undefined): Error;
}

const describe = (reply: Buffer | undefined): string => {
  if (reply === undefined) return 'closed before answering';
  if (reply.length === 1 && reply[0] === 0x4e) return "answered 'N' (no TLS)";
  return `answered ${reply.length} unexpected byte(s) starting 0x${reply.subarray(0, 8).toString('hex')}`;
};

/**
 * TLS passthrough after an SSLRequest (Traefik's `postgresConn`): the client already had its `S`
 * from wharf, so wharf asks the server in turn and keeps its `S` to itself; then the ClientHello
 * and everything after flow unchanged. A server that says `N`, or sends anything else first, ends
 * the connection (the bytes are not relayed: the client is waiting for a ServerHello).
 */
export const POSTGRES_UPSTREAM_STARTTLS: UpstreamStartTls = {
  request: POSTGRES_SSL_REQUEST,
  accept: POSTGRES_SSL_ACCEPT,
  refused: (server, reply) => ProxyErrors.postgresTlsRefused(server, describe(reply)),
};

/** The ALPN protocol PostgreSQL 17+ clients (libpq) offer on every TLS connection. */
const POSTGRES_ALPN = 'postgresql';

/**
 * Termination after an SSLRequest: `postgresql` is put first in the server's ALPN list. libpq 17+
 * offers it (and nothing else) even after an SSLRequest, and a server list without it ends the
 * handshake with a no_application_protocol alert: behind Traefik every such client fails until a
 * TLS option adds `postgresql` to `alpnProtocols`. The client has already said it speaks
 * Postgres, so wharf answers as a PostgreSQL server would.
 */
export function withPostgresAlpn(options: TlsOptions): TlsOptions {
  const list = Array.isArray(options.ALPNProtocols) ? options.ALPNProtocols.filter((p): p is string => typeof p === 'string' && p !== POSTGRES_ALPN) : [];
  return { ...options, ALPNProtocols: [POSTGRES_ALPN, ...list] };
}
