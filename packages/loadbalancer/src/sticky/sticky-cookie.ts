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

/** The value of cookie `name` in a raw `Cookie` header (first occurrence); quotes removed. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  return findCookieValue(header, `${name}=`);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9;
}

/** Where a cookie's value sits in a header: [start, end). */
export interface CookieRange {
  start: number;
  end: number;
}

/** `readCookie` with a precomputed `name=` needle. */
function findCookieValue(header: string | undefined, needle: string): string | undefined {
  const range = { start: 0, end: 0 };
  return findCookieRange(header, needle, range) ? header?.slice(range.start, range.end) : undefined;
}

/**
 * Locates the value of the first `name=` cookie (needle precomputed) into `out`, without
 * allocating: native `indexOf` plus a boundary check, spaces and double quotes trimmed.
 */
export function findCookieRange(header: string | undefined, needle: string, out: CookieRange): boolean {
  if (header === undefined) return false;
  let at = header.indexOf(needle);
  while (at !== -1) {
    let before = at - 1;
    while (before >= 0 && isSpace(header.charCodeAt(before))) before--;
    if (before < 0 || header.charCodeAt(before) === 59 /* ; */) {
      let start = at + needle.length;
      let end = header.indexOf(';', start);
      if (end === -1) end = header.length;
      while (end > start && isSpace(header.charCodeAt(end - 1))) end--;
      while (start < end && isSpace(header.charCodeAt(start))) start++;
      if (end - start >= 2 && header.charCodeAt(start) === 34 && header.charCodeAt(end - 1) === 34) {
        start++;
        end--;
      }
      out.start = start;
      out.end = end;
      return true;
    }
    at = header.indexOf(needle, at + 1);
  }
  return false;
}
