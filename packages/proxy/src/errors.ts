import { defineError } from '@wharf/config';

/** Coded errors of the data plane (documented in docs/errors.md). */
export const ProxyErrors = {
  /** the entrypoint could not bind its address (EADDRINUSE, EACCES, …) */
  listen: defineError(
    'WHARF_ENTRYPOINT_LISTEN',
    500,
    (entryPoint: string, address: string, reason: string) => `entryPoint ${entryPoint}: address ${address} ${reason}`,
  ),
  /** the request target cannot be routed (bad percent-escape, …) */
  badRequest: defineError('WHARF_BAD_REQUEST', 400, (detail: string) => `bad request: ${detail}`),
  /** a compiled handler threw instead of answering */
  handlerFailed: defineError('WHARF_HANDLER_FAILED', 500, (detail: string) => `handler failed: ${detail}`),
  /** a TLS request whose Host routes to a router with other TLS options than its handshake used (Traefik's SNI check) */
  misdirected: defineError('WHARF_TLS_MISDIRECTED', 421, (host: string) => `host ${host} needs other TLS options than the connection was made with`),
  /** the server URL of a forward target is not a usable http:// URL */
  badServerURL: defineError('WHARF_BAD_SERVER_URL', 502, (url: string) => `bad server URL: ${url}`),
  /** TLS passthrough after a Postgres SSLRequest: the server did not answer its own SSLRequest with exactly `S` */
  postgresTlsRefused: defineError('WHARF_TCP_POSTGRES_TLS_REFUSED', 502, (server: string, answer: string) => `postgres server ${server} did not accept TLS: ${answer}`),
} as const;

/**
 * Errors of the upstream HTTP/1.1 client (`http1-client/`). `upstreamFailure` turns them into the
 * answer the client gets (`WHARF_UPSTREAM_*`, 502/504, 499 when the client left first).
 */
export const Http1ClientErrors = {
  /** no connection to the server within the dial timeout */
  connectTimeout: defineError('WHARF_HTTP1_CONNECT_TIMEOUT', 504, () => 'connect timeout'),
  /** no response head within the response-header timeout */
  headersTimeout: defineError('WHARF_HTTP1_HEADERS_TIMEOUT', 504, () => 'response headers timeout'),
  /** the request was aborted (the client went away) */
  aborted: defineError('WHARF_HTTP1_ABORTED', 499, () => 'request aborted'),
  /** the socket closed, idled out or cannot carry the exchange (`other side closed`, …) */
  socket: defineError('WHARF_HTTP1_SOCKET', 502, (reason: string) => reason),
  /** a malformed response (status line, header line, chunk framing, lengths) */
  badResponse: defineError('WHARF_HTTP1_BAD_RESPONSE', 502, (detail: string) => `bad response: ${detail}`),
  /** the response head (or a chunk line, trailers) exceeds the size bound */
  headerOverflow: defineError('WHARF_HTTP1_HEADER_OVERFLOW', 502, () => 'response head too large'),
} as const;
