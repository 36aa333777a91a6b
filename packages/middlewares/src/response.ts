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

/** Reads a header of an outgoing header map as one string (case-insensitive key). */
export function headerValue(headers: OutgoingHttpHeaders, name: string): string | undefined {
  const key = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() !== key || v === undefined) continue;
    return Array.isArray(v) ? v.join(', ') : String(v);
  }
  return undefined;
}

/** Sets a header replacing any differently-cased duplicate. */
export function setHeader(headers: OutgoingHttpHeaders, name: string, value: string | number | string[] | undefined): void {
  const key = name.toLowerCase();
  for (const k of Object.keys(headers)) if (k.toLowerCase() === key) delete headers[k];
  if (value !== undefined) headers[key] = value;
}

/** Reads a request header (lower-case keys) as one string. */
export function requestHeader(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
}

/**
 * A shallow copy with its own header map, so a middleware never edits headers that a service
 * may share between responses (a constant 404, a cached page).
 */
export function withOwnHeaders(res: HttpResponse): HttpResponse {
  return { ...res, headers: { ...res.headers } };
}
