import { Http1ClientErrors } from '../errors.js';

/** The framing headers of a response head, repeated values joined with commas. */
export interface Framing {
  contentLength: string | undefined;
  transferEncoding: string | undefined;
  connection: string | undefined;
}

export interface BodyFraming {
  chunked: boolean;
  untilClose: boolean;
  /** Content-Length (0 when there is no body) */
  length: number;
  keepAlive: boolean;
}

const DIGITS = /^\d{1,15}$/;

function hasToken(list: string, token: string): boolean {
  for (const part of list.split(',')) if (part.trim().toLowerCase() === token) return true;
  return false;
}

function contentLength(value: string): number {
  let length = -1;
  for (const part of value.split(',')) {
    const v = part.trim();
    if (!DIGITS.test(v)) throw Http1ClientErrors.badResponse('content-length');
    const n = Number(v);
    if (length >= 0 && n !== length) throw Http1ClientErrors.badResponse('conflicting content-length');
    length = n;
  }
  return length;
}

/**
 * RFC 9112 §6.3 message body length of a response: no body (HEAD, 204, 304) → chunked →
 * other transfer codings (until close) → Content-Length → until close. Keep-alive only for
 * HTTP/1.1 without `Connection: close` (HTTP/1.0 with `keep-alive`) and a delimited body.
 */
export function framingOf(f: Framing, http11: boolean, noBody: boolean): BodyFraming {
  const conn = f.connection;
  let keepAlive = http11 ? conn === undefined || !hasToken(conn, 'close') : conn !== undefined && hasToken(conn, 'keep-alive');
  if (noBody) return { chunked: false, untilClose: false, length: 0, keepAlive };
  const te = f.transferEncoding;
  if (te !== undefined) {
    const codings = te.split(',');
    const chunked = (codings[codings.length - 1] as string).trim().toLowerCase() === 'chunked';
    // Transfer-Encoding with Content-Length is a smuggling vector: never reuse the connection
    if (f.contentLength !== undefined || !chunked) keepAlive = false;
    return { chunked, untilClose: !chunked, length: 0, keepAlive: chunked ? keepAlive : false };
  }
  if (f.contentLength !== undefined) return { chunked: false, untilClose: false, length: contentLength(f.contentLength), keepAlive };
  return { chunked: false, untilClose: true, length: 0, keepAlive: false };
}
