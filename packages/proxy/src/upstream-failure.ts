import { UpstreamErrors, type HttpResponse, type WharfError } from '@wharf/config';
import { Http1ClientErrors } from './errors.js';

const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EADDRNOTAVAIL']);
/** the upstream answered something that is not HTTP/1.1 */
const BAD_RESPONSE_CODES = new Set([Http1ClientErrors.badResponse.code, Http1ClientErrors.headerOverflow.code]);
const TIMEOUT_CODES = new Set([Http1ClientErrors.headersTimeout.code, Http1ClientErrors.connectTimeout.code, 'ETIMEDOUT']);

/** Status 499 (client closed request, as Traefik logs it): the client went away first. */
const CLIENT_CLOSED = 499;

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'UNKNOWN';
}

function failure(status: number, text: string, error: WharfError): HttpResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'content-length': text.length }, body: text, error };
}

/**
 * Maps a transport error to the response the client gets: dial errors → 502 connectFailed,
 * no headers in time → 504 timeout, a malformed response → 502 badResponse, anything after the request left → 502 reset.
 * `requestSent` is whether request bytes may have reached the server.
 */
export function upstreamFailure(err: unknown, requestSent: boolean): HttpResponse {
  const code = errorCode(err);
  const detail = code;
  let res: HttpResponse;
  if (code === Http1ClientErrors.aborted.code) res = failure(CLIENT_CLOSED, 'Client Closed Request', UpstreamErrors.reset(detail));
  else if (TIMEOUT_CODES.has(code)) res = failure(504, 'Gateway Timeout', UpstreamErrors.timeout(detail));
  else if (BAD_RESPONSE_CODES.has(code)) res = failure(502, 'Bad Gateway', UpstreamErrors.badResponse(detail));
  else if (CONNECT_CODES.has(code) || !requestSent) res = failure(502, 'Bad Gateway', UpstreamErrors.connectFailed(detail));
  else res = failure(502, 'Bad Gateway', UpstreamErrors.reset(detail));
  if (res.error !== undefined) Object.defineProperty(res.error, 'cause', { value: err, enumerable: false });
  return res;
}
