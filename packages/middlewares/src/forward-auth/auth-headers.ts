import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { readHeader } from '@wharf/config';
import type { GoRegexp, HttpExchange } from '@wharf/config';
import type { TLSSocket } from 'node:tls';
import type { ForwardAuthOptions } from './schema.js';

export const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'content-length',
]);

/** Headers of the auth request: client headers (or only authRequestHeaders) + X-Forwarded-*. */
export function authRequestHeaders(ex: HttpExchange, o: ForwardAuthOptions, bodyLength: number | undefined): OutgoingHttpHeaders {
  const only = o.authRequestHeaders?.map((h) => h.toLowerCase());
  const out: OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(ex.headers)) {
    if (v === undefined || HOP_BY_HOP.has(k) || (only && !only.includes(k))) continue;
    out[k] = v;
  }
  const trust = o.trustForwardHeader ?? false;
  const prior = (name: string) => (trust ? readHeader(ex.headers, name) : undefined);
  const xff = prior('x-forwarded-for');
  out['x-forwarded-for'] = xff ? `${xff}, ${ex.clientIP}` : ex.clientIP;
  out['x-forwarded-method'] = prior('x-forwarded-method') ?? ex.method;
  out['x-forwarded-proto'] = prior('x-forwarded-proto') ?? ((ex.req.socket as TLSSocket | undefined)?.encrypted ? 'https' : 'http');
  const port = prior('x-forwarded-port');
  if (port) out['x-forwarded-port'] = port;
  else delete out['x-forwarded-port'];
  out['x-forwarded-host'] = prior('x-forwarded-host') ?? readHeader(ex.headers, 'host') ?? ex.host;
  out['x-forwarded-uri'] = prior('x-forwarded-uri') ?? `${ex.path}${ex.query ? `?${ex.query}` : ''}`;
  if (bodyLength !== undefined) out['content-length'] = bodyLength;
  return out;
}

/** After a 2xx: copy authResponseHeaders (+regex matches) from the auth reply into the request. */
export function copyAuthResponseHeaders(ex: HttpExchange, reply: IncomingHttpHeaders, names: string[], regex: GoRegexp | undefined): void {
  for (const name of names) {
    delete ex.headers[name];
    if (reply[name] !== undefined) ex.headers[name] = reply[name];
  }
  if (!regex) return;
  for (const k of Object.keys(ex.headers)) if (regex.test(k)) delete ex.headers[k];
  for (const [k, v] of Object.entries(reply)) if (v !== undefined && regex.test(k)) ex.headers[k] = v;
}

const cookieName = (setCookie: string) => setCookie.split('=')[0]!.trim();

/**
 * Traefik: when the auth reply set any cookie, the backend's cookies named in
 * addAuthCookiesToResponse are dropped and the auth reply's cookies of those names added.
 */
export function mergeAuthCookies(headers: OutgoingHttpHeaders, reply: IncomingHttpHeaders, names: ReadonlySet<string>): void {
  const auth = reply['set-cookie'] ?? [];
  if (auth.length === 0 || names.size === 0) return;
  const existing = headers['set-cookie'];
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  const merged = [...list.filter((c) => !names.has(cookieName(c))), ...auth.filter((c) => names.has(cookieName(c)))];
  if (merged.length > 0) headers['set-cookie'] = merged;
  else delete headers['set-cookie'];
}
