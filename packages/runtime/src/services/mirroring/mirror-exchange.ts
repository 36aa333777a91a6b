import { Readable } from 'node:stream';
import type { HttpExchange, HttpResponse } from '@wharf/config';

/**
 * A copy of the exchange for one mirror: own headers, tried set and scratch space, and a fixed
 * body (never the client's stream, which belongs to the main service).
 */
export function mirrorExchange(ex: HttpExchange, body: Buffer | undefined): HttpExchange {
  const headers = { ...ex.headers };
  if (body === undefined) {
    delete headers['content-length'];
    delete headers['transfer-encoding'];
  }
  return {
    ...ex,
    headers,
    body: body ?? Buffer.alloc(0),
    triedServers: new Set(),
    locals: new Map(),
    attempts: 0,
    requestSent: false,
    serverURL: undefined,
  };
}

/** Reads and throws away a mirror's response body so its connection is released. */
export function discardResponse(res: HttpResponse): void {
  const body = res.body;
  if (body instanceof Readable) {
    body.on('error', () => {});
    body.resume();
  }
}

/** True when the client sends a body (declared length > 0 or chunked). */
export function hasRequestBody(ex: HttpExchange): boolean {
  if (ex.body !== undefined) return ex.body.length > 0;
  const length = Number(ex.req.headers['content-length'] ?? 0);
  return length > 0 || ex.req.headers['transfer-encoding'] !== undefined;
}
