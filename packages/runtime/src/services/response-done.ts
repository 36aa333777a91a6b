import type { OutgoingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import type { HttpResponse } from '@wharf/config';

/**
 * Calls `done` once when the response is over: at once for fixed bodies, when a streamed body
 * ends, errors or closes otherwise (the end of the response, not its headers).
 */
export function onResponseDone(res: HttpResponse, done: () => void): void {
  const body = res.body;
  if (!(body instanceof Readable) || body.destroyed || body.readableEnded) {
    done();
    return;
  }
  let called = false;
  const once = (): void => {
    if (called) return;
    called = true;
    body.off('end', once);
    body.off('close', once);
    body.off('error', once);
    done();
  };
  body.once('end', once);
  body.once('close', once);
  body.once('error', once);
}

/** Appends a header value (e.g. a second Set-Cookie) without dropping existing ones. */
export function appendHeader(headers: OutgoingHttpHeaders, name: string, value: string): void {
  const current = headers[name];
  if (current === undefined) headers[name] = value;
  else if (Array.isArray(current)) headers[name] = [...current, value];
  else headers[name] = [String(current), value];
}

/** The first value of a request header. */
export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join('; ') : value;
}
