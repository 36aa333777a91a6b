/**
 * Request-target helpers for the hot path: no URL objects. The router owns the canonical
 * `routingPath`/`normalizeHost`; these mirror its documented semantics (MatchRequest docs) until
 * it exports them, and stay the proxy's fast path for the common "no escapes" case.
 */

const UNRESERVED = /[A-Za-z0-9\-._~]/;
const HEX = /^[0-9A-Fa-f]{2}$/;

/** Lower-case host without port and trailing dot; '' when absent. */
export function normalizeHost(raw: string | undefined): string {
  if (raw === undefined || raw === '') return '';
  let end = raw.length;
  if (raw.charCodeAt(0) === 91 /* [ */) {
    const close = raw.indexOf(']');
    return (close < 0 ? raw : raw.slice(0, close + 1)).toLowerCase();
  }
  const colon = raw.indexOf(':');
  if (colon >= 0) end = colon;
  if (raw.charCodeAt(end - 1) === 46 /* . */) end -= 1;
  const host = end === raw.length ? raw : raw.slice(0, end);
  return host.toLowerCase();
}

/**
 * The path rules match against: unreserved percent-escapes decoded, reserved ones kept
 * (upper-cased). null when an escape is malformed (→ 400).
 */
export function routingPath(path: string): string | null {
  if (path.indexOf('%') < 0) return path;
  let out = '';
  let last = 0;
  for (let i = path.indexOf('%'); i >= 0; i = path.indexOf('%', last)) {
    const hex = path.slice(i + 1, i + 3);
    if (!HEX.test(hex)) return null;
    const ch = String.fromCharCode(parseInt(hex, 16));
    out += path.slice(last, i) + (UNRESERVED.test(ch) ? ch : `%${hex.toUpperCase()}`);
    last = i + 3;
  }
  return out + path.slice(last);
}

/** A request target split without URL parsing: absolute-form host (or undefined), path, query. */
export interface SplitTarget {
  authority: string | undefined;
  path: string;
  query: string;
}

export function splitTarget(url: string): SplitTarget {
  let authority: string | undefined;
  let rest = url;
  if (url.charCodeAt(0) !== 47 /* / */) {
    const scheme = url.indexOf('://');
    if (scheme > 0) {
      const slash = url.indexOf('/', scheme + 3);
      const q = url.indexOf('?', scheme + 3);
      const end = slash < 0 ? (q < 0 ? url.length : q) : q >= 0 && q < slash ? q : slash;
      authority = url.slice(scheme + 3, end);
      const at = authority.lastIndexOf('@');
      if (at >= 0) authority = authority.slice(at + 1);
      rest = url.slice(end);
      if (rest === '' || rest.charCodeAt(0) === 63) rest = `/${rest}`;
    }
  }
  const qi = rest.indexOf('?');
  if (qi < 0) return { authority, path: rest, query: '' };
  return { authority, path: rest.slice(0, qi), query: rest.slice(qi + 1) };
}
