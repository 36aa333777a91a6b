import type { HttpResponse } from '@wharf/config';
import type { OutgoingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';

/** A short text answer produced by a middleware (401, 403, 429, …). */
export function textResponse(status: number, text: string, headers: OutgoingHttpHeaders = {}): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers },
    body: text,
  };
}

/** Releases a response that will not be sent (retry, errors): a stream body is destroyed. */
export function discardResponse(res: HttpResponse): void {
  if (res.body instanceof Readable) {
    res.body.on('error', () => undefined);
    res.body.destroy();
  }
}

/** Sets (or, with undefined, removes) a response header under its lower-case name. */
export function setHeader(headers: OutgoingHttpHeaders, name: string, value: string | number | string[] | undefined): void {
  const key = name.toLowerCase();
  if (value === undefined) delete headers[key];
  else headers[key] = value;
}

/**
 * A shallow copy with its own header map, so a middleware never edits headers that a service
 * may share between responses (a constant 404, a cached page).
 */
export function withOwnHeaders(res: HttpResponse): HttpResponse {
  return { ...res, headers: { ...res.headers } };
}
