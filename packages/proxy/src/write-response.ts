import { STATUS_CODES, validateHeaderName, validateHeaderValue, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { HttpResponse } from '@wharf/config';
import { isHopByHop } from './hop-by-hop.js';

function onBodyError(this: Readable & { wharfRes?: ServerResponse }, err: Error): void {
  this.wharfRes?.destroy(err);
}

function onResponseClose(this: ServerResponse & { wharfBody?: Readable }): void {
  const body = this.wharfBody;
  if (body !== undefined && !body.readableEnded) body.destroy();
}

/**
 * Writes an HttpResponse to the client. Streams are piped with backpressure; a body stream that
 * fails mid-way destroys the client connection (the response cannot be completed honestly), and
 * a client that leaves destroys the body stream (which aborts the upstream request).
 */
export function writeResponse(res: ServerResponse, r: HttpResponse): void {
  if (r.upgraded === true) return;
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(r.status, r.headers);
  const body = r.body;
  if (body === null) res.end();
  else if (typeof body === 'string' || Buffer.isBuffer(body)) res.end(body);
  else {
    (body as Readable & { wharfRes?: ServerResponse }).wharfRes = res;
    (res as ServerResponse & { wharfBody?: Readable }).wharfBody = body;
    body.on('error', onBodyError);
    res.on('close', onResponseClose);
    if (r.trailers === undefined) body.pipe(res);
    else {
      const trailers = r.trailers;
      body.pipe(res, { end: false });
      body.once('end', () => endWithTrailers(res, trailers));
    }
  }
}

/**
 * Ends `res` with the upstream's trailers: HTTP/2 sends them as a trailing HEADERS frame, node's
 * HTTP/1.1 only in a chunked response (else they are dropped, as the message has no room for
 * them). A name or value node refuses (CR/LF, a bad token) is dropped, never thrown.
 */
function endWithTrailers(res: ServerResponse, trailers: OutgoingHttpHeaders): void {
  const kept: OutgoingHttpHeaders = {};
  let any = false;
  for (const [name, value] of Object.entries(trailers)) {
    if (value === undefined || isHopByHop(name)) continue;
    try {
      validateHeaderName(name);
      for (const v of Array.isArray(value) ? value : [String(value)]) validateHeaderValue(name, v);
    } catch {
      continue;
    }
    kept[name] = value;
    any = true;
  }
  if (any && !res.destroyed) res.addTrailers(kept);
  res.end();
}

/** A fixed text answer (404, 400, 500) with a content length. */
export function writeText(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // a failed writeHead (an invalid header value) may have left its status text and headers behind
  for (const name of res.getHeaderNames()) res.removeHeader(name);
  res.writeHead(status, STATUS_CODES[status] ?? 'unknown', { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text), 'x-content-type-options': 'nosniff' });
  res.end(text);
}
