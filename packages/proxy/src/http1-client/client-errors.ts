/**
 * Errors of the HTTP/1.1 client. The `code`s are the ones `upstreamFailure` maps (they keep
 * undici's names, so the mapping and its tests stay one table whatever the client).
 */
export type ClientErrorCode =
  | 'UND_ERR_CONNECT_TIMEOUT'
  | 'UND_ERR_HEADERS_TIMEOUT'
  | 'UND_ERR_ABORTED'
  | 'UND_ERR_SOCKET'
  | 'HTTP1_BAD_RESPONSE'
  | 'HTTP1_HEADER_OVERFLOW';

export interface ClientError extends Error {
  code: ClientErrorCode;
}

export function clientError(code: ClientErrorCode, message: string): ClientError {
  return Object.assign(new Error(message), { code });
}

/** a malformed upstream response (status line, header line, chunk framing, lengths) */
export function badResponse(detail: string): ClientError {
  return clientError('HTTP1_BAD_RESPONSE', `bad response: ${detail}`);
}
