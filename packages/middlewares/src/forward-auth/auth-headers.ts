import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { HttpExchange } from '@wharf/config';
import { requestScheme } from '../redirect-regex/redirect.js';
import { requestHeader } from '../response.js';
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
  const prior = (name: string) => (trust ? requestHeader(ex.headers, name) : undefined);
  const xff = prior('x-forwarded-for');
  out['x-forwarded-for'] = xff ? `${xff}, ${ex.clientIP}` : ex.clientIP;
  out['x-forwarded-method'] = prior('x-forwarded-method') ?? ex.method;
  out['x-forwarded-proto'] = prior('x-forwarded-proto') ?? requestScheme(ex);
  out['x-forwarded-host'] = prior('x-forwarded-host') ?? requestHeader(ex.headers, 'host') ?? ex.host;
  out['x-forwarded-uri'] = prior('x-forwarded-uri') ?? `${ex.path}${ex.query ? `?${ex.query}` : ''}`;
  if (bodyLength !== undefined) out['content-length'] = bodyLength;
  return out;
}

/** After a 2xx: copy authResponseHeaders (+regex matches) from the auth reply into the request. */
export function copyAuthResponseHeaders(ex: HttpExchange, reply: IncomingHttpHeaders, names: string[], regex: RegExp | undefined): void {
  for (const name of names) {
    delete ex.headers[name];
    if (reply[name] !== undefined) ex.headers[name] = reply[name];
  }
  if (!regex) return;
  for (const k of Object.keys(ex.headers)) if (regex.test(k)) delete ex.headers[k];
  for (const [k, v] of Object.entries(reply)) if (v !== undefined && regex.test(k)) ex.headers[k] = v;
}

/** Set-Cookie values of the auth reply whose cookie name is listed. */
export function pickCookies(reply: IncomingHttpHeaders, names: readonly string[]): string[] {
  if (names.length === 0) return [];
  return (reply['set-cookie'] ?? []).filter((c) => names.includes(c.split('=')[0]!.trim()));
}

/** Adds the auth cookies to the final response, replacing the backend's cookies of the same name. */
export function mergeCookies(headers: OutgoingHttpHeaders, cookies: string[]): void {
  if (cookies.length === 0) return;
  const names = new Set(cookies.map((c) => c.split('=')[0]!.trim()));
  const existing = headers['set-cookie'];
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  headers['set-cookie'] = [...list.filter((c) => !names.has(c.split('=')[0]!.trim())), ...cookies];
}
