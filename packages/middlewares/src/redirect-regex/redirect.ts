import { readHeader } from '@wharf/config';
import type { HttpExchange, HttpResponse } from '@wharf/config';
import type { TLSSocket } from 'node:tls';

/**
 * Scheme the client used: X-Forwarded-Proto (set by the entrypoint or a trusted proxy; `ws`/`wss`
 * count as http/https, as Traefik), else the socket.
 */
export function requestScheme(ex: HttpExchange): string {
  const forwarded = readHeader(ex.headers, 'x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  if (forwarded === 'http' || forwarded === 'ws') return 'http';
  if (forwarded === 'https' || forwarded === 'wss') return 'https';
  return (ex.req.socket as TLSSocket | undefined)?.encrypted ? 'https' : 'http';
}

/** The URL the client asked for: scheme://host[:port]/path?query. */
export function requestURL(ex: HttpExchange): string {
  const host = readHeader(ex.headers, 'host') ?? ex.host;
  return `${requestScheme(ex)}://${host}${ex.path}${ex.query ? `?${ex.query}` : ''}`;
}

/** 301/302 for GET, 308/307 for other methods (method-preserving), as Traefik. */
export function redirectResponse(ex: HttpExchange, location: string, permanent: boolean): HttpResponse {
  const get = ex.method === 'GET';
  const status = permanent ? (get ? 301 : 308) : get ? 302 : 307;
  const text = permanent ? (get ? 'Moved Permanently' : 'Permanent Redirect') : get ? 'Found' : 'Temporary Redirect';
  return { status, headers: { location, 'content-type': 'text/plain; charset=utf-8' }, body: text };
}
