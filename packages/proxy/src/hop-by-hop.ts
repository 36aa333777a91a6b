import type { IncomingHttpHeaders } from 'node:http';
import { isManagedHeader } from './forwarded-headers.js';

/** RFC 9110 §7.6.1 hop-by-hop headers (plus `expect`, answered by node:http itself). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
]);

/** true when `name` (lower-case) must not cross the proxy. */
export function isHopByHop(name: string): boolean {
  // every hop-by-hop name starts with one of c e k p t u: most headers skip the Set lookup
  const c = name.charCodeAt(0);
  if (c !== 99 && c !== 101 && c !== 107 && c !== 112 && c !== 116 && c !== 117) return false;
  return HOP_BY_HOP.has(name) || name.startsWith('proxy-');
}

/** Extra names listed in a `Connection` header value (lower-case), or undefined when none. */
export function connectionListed(connection: string | string[] | undefined): Set<string> | undefined {
  if (connection === undefined) return undefined;
  // fast path for the usual single token (`keep-alive`, `close`, `Upgrade`…): no split
  if (typeof connection === 'string' && connection.indexOf(',') < 0) return singleListed(connection);
  const text = Array.isArray(connection) ? connection.join(',') : connection;
  let names: Set<string> | undefined;
  for (const part of text.split(',')) {
    const name = part.trim().toLowerCase();
    if (name === '' || name === 'close' || name === 'keep-alive') continue;
    (names ??= new Set()).add(name);
  }
  return names;
}

function singleListed(token: string): Set<string> | undefined {
  const name = token.trim().toLowerCase();
  return name === '' || name === 'close' || name === 'keep-alive' ? undefined : new Set([name]);
}

/**
 * Applies the client's `Connection` options at the entrypoint, before any middleware: the
 * headers it lists are removed (RFC 9110 §7.6.1), except the ones wharf sets itself
 * (`X-Forwarded-*`, `X-Real-Ip`: Traefik CVE-2024-45410) and hop-by-hop ones, dropped anyway.
 * So a header set later by wharf or a middleware can never be stripped by the client.
 */
export function stripConnectionListed(headers: IncomingHttpHeaders): void {
  const listed = connectionListed(headers.connection);
  if (listed === undefined) return;
  for (const name of listed) if (!isHopByHop(name) && !isManagedHeader(name) && name !== 'host') delete headers[name];
}

/**
 * Flattens request headers into the `[k, v, k, v]` form the request head is written from, dropping hop-by-hop ones and
 * `host` (the caller appends the Host it decided on). `Connection`-listed headers were already
 * removed at the entrypoint (`stripConnectionListed`).
 */
export function upstreamHeaderList(headers: IncomingHttpHeaders, out: string[]): string[] {
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || name === 'host' || isHopByHop(name)) continue;
    if (typeof value === 'string') out.push(name, value);
    else for (const v of value) out.push(name, v);
  }
  // `TE: trailers` is the one hop-by-hop value kept (Go's ReverseProxy): gRPC servers require it
  if (headers.te !== undefined && listsTrailers(headers.te)) out.push('te', 'trailers');
  return out;
}

/** true when a TE header value lists the `trailers` token (any case, any position) */
function listsTrailers(te: string | string[]): boolean {
  const text = Array.isArray(te) ? te.join(',') : te;
  return text.split(',').some((part) => part.split(';')[0]!.trim().toLowerCase() === 'trailers');
}
