import { createHash } from 'node:crypto';
import type { StickyCookieConfig } from '@wharf/config';

/** RFC 2616 token characters (besides letters and digits). */
const TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

function isTokenChar(ch: string): boolean {
  return /^[A-Za-z0-9]$/.test(ch) || TOKEN_SYMBOLS.includes(ch);
}

/** Replaces every non-token character with `_` (Traefik `cookie.sanitizeName`). */
export function sanitizeCookieName(name: string): string {
  let out = '';
  for (const ch of name) out += isTokenChar(ch) ? ch : '_';
  return out;
}

/**
 * The sticky cookie name: the configured one sanitised, or Traefik's default
 * `_` + first 5 hex chars of SHA-1(`_TRAEFIK_BACKEND_` + qualified service name).
 */
export function stickyCookieName(serviceName: string, configured?: string): string {
  if (configured !== undefined && configured !== '') return sanitizeCookieName(configured);
  const digest = createHash('sha1').update(`_TRAEFIK_BACKEND_${serviceName}`).digest('hex');
  return `_${digest.slice(0, 5)}`;
}

/** Cookie value for a server: first 16 hex chars of SHA-256(server URL); never the raw address. */
export function stickyCookieValue(serverUrl: string): string {
  return createHash('sha256').update(serverUrl).digest('hex').slice(0, 16);
}

export type StickyCookieAttributes = Omit<StickyCookieConfig, 'name'>;

const SAME_SITE: Record<string, string> = { none: 'None', lax: 'Lax', strict: 'Strict' };

/**
 * A `Set-Cookie` header value. `maxAge` 0/absent ⇒ no Max-Age (session cookie); < 0 ⇒ expire now
 * (`Max-Age=0` and a past `Expires`); `path` defaults to `/`; unknown `sameSite` ⇒ omitted.
 */
export function formatSetCookie(name: string, value: string, attributes: StickyCookieAttributes = {}): string {
  const parts = [`${name}=${value}`, `Path=${attributes.path || '/'}`];
  if (attributes.domain) parts.push(`Domain=${attributes.domain}`);
  const maxAge = attributes.maxAge ?? 0;
  if (maxAge < 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT', 'Max-Age=0');
  else if (maxAge > 0) parts.push(`Max-Age=${Math.floor(maxAge)}`);
  if (attributes.httpOnly) parts.push('HttpOnly');
  if (attributes.secure) parts.push('Secure');
  const sameSite = attributes.sameSite ? SAME_SITE[attributes.sameSite.toLowerCase()] : undefined;
  if (sameSite !== undefined) parts.push(`SameSite=${sameSite}`);
  return parts.join('; ');
}

/**
 * The value of cookie `name` in a raw `Cookie` header (first occurrence), without splitting the
 * header into an array. Surrounding double quotes are removed.
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined || header === '') return undefined;
  let from = 0;
  const len = header.length;
  while (from < len) {
    let end = header.indexOf(';', from);
    if (end === -1) end = len;
    let start = from;
    while (start < end && (header.charCodeAt(start) === 32 || header.charCodeAt(start) === 9)) start++;
    const eq = header.indexOf('=', start);
    if (eq !== -1 && eq < end && eq - start === name.length && header.startsWith(name, start)) {
      let vStart = eq + 1;
      let vEnd = end;
      while (vEnd > vStart && (header.charCodeAt(vEnd - 1) === 32 || header.charCodeAt(vEnd - 1) === 9)) vEnd--;
      while (vStart < vEnd && header.charCodeAt(vStart) === 32) vStart++;
      if (vEnd - vStart >= 2 && header.charCodeAt(vStart) === 34 && header.charCodeAt(vEnd - 1) === 34) {
        vStart++;
        vEnd--;
      }
      return header.slice(vStart, vEnd);
    }
    from = end + 1;
  }
  return undefined;
}
