/**
 * The request path as Traefik's entrypoint prepares it before routing (pkg/server
 * server_entrypoint_tcp.go): `normalizePath` always (RFC 3986 §6.2.2.1–2: escapes of unreserved
 * characters decoded, other escapes upper-cased), then, with `http.sanitizePath` (default true),
 * dot-segments and empty segments removed with Go's `path.Clean` semantics on the escaped path
 * (`url.URL.JoinPath()`: one trailing slash kept, `%2F` is not a separator). The result is what
 * the routers see and what the server receives, so a backend never resolves `..` past a rule.
 */

const UNRESERVED = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~') UNRESERVED[c.charCodeAt(0)] = 1;
/** characters a path may carry unescaped (RFC 3986 pchar and `/`); `%` starts an escape */
const PATH_CHAR = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/") PATH_CHAR[c.charCodeAt(0)] = 1;
const HEX = '0123456789ABCDEF';

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** index of the first `%` or character that must be escaped, or -1 */
function firstToRewrite(path: string): number {
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c >= 128 || PATH_CHAR[c] !== 1) return i;
  }
  return -1;
}

/**
 * Decodes `%XX` escapes of unreserved characters (`%2e` → `.`, `%41` → `A`), upper-cases the
 * others (`%2f` → `%2F`) and escapes raw characters a path may not carry (`\` → `%5C`, as Go's
 * `URL.EscapedPath` forwards them). null when an escape is malformed (a dangling `%`): answer 400.
 */
export function normalizeEscapes(path: string): string | null {
  let i = firstToRewrite(path);
  if (i < 0) return path;
  let out = path.slice(0, i);
  for (; i < path.length; i++) {
    const ch = path.charCodeAt(i);
    if (ch !== 37 /* % */) {
      out += ch < 128 && PATH_CHAR[ch] === 1 ? path[i] : `%${HEX[(ch >> 4) & 15]}${HEX[ch & 15]}`;
      continue;
    }
    const hi = hexDigit(path.charCodeAt(i + 1));
    const lo = hexDigit(path.charCodeAt(i + 2));
    if (hi < 0 || lo < 0) return null;
    const code = hi * 16 + lo;
    out += code < 128 && UNRESERVED[code] === 1 ? String.fromCharCode(code) : `%${HEX[hi]}${HEX[lo]}`;
    i += 2;
  }
  return out;
}

/** true when `path` has no `//`, no `.` or `..` segment: `path.Clean` would not change it. */
export function isCleanPath(path: string): boolean {
  const n = path.length;
  for (let i = path.indexOf('/'); i >= 0 && i < n; i = path.indexOf('/', i + 1)) {
    const next = path.charCodeAt(i + 1);
    if (next === 47 /* / */) return false;
    if (next !== 46 /* . */) continue;
    const after = path.charCodeAt(i + 2);
    if (i + 2 === n || after === 47) return false;
    if (after === 46 && (i + 3 === n || path.charCodeAt(i + 3) === 47)) return false;
  }
  return true;
}

/**
 * Go's `path.Clean` for a rooted path, then one trailing slash put back when the input had one
 * (`url.URL.JoinPath()`): `/a/../b` → `/b`, `//a` → `/a`, `/a/b/../` → `/a/`, `/..` → `/`.
 * Paths that are not rooted (`*`) are returned as they are.
 */
export function cleanPath(path: string): string {
  if (path.charCodeAt(0) !== 47 || isCleanPath(path)) return path;
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  let clean = `/${out.join('/')}`;
  if (path.charCodeAt(path.length - 1) === 47 && clean.length > 1) clean += '/';
  return clean;
}

/**
 * The path an entrypoint routes and forwards: escapes normalised, then cleaned when `sanitize`.
 * null for a malformed escape.
 */
export function entryPointPath(rawPath: string, sanitize: boolean): string | null {
  const normalized = normalizeEscapes(rawPath);
  if (normalized === null || !sanitize) return normalized;
  return cleanPath(normalized);
}
