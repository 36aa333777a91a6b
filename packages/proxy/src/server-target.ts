import { ProxyErrors } from './errors.js';

/** A server URL parsed once and cached: what the transport needs to dial and address it. */
export interface ServerTarget {
  /** `http://host:port`, the key of the connection pool */
  readonly origin: string;
  /** `host:port` as sent in Host when passHostHeader is false (port omitted when default) */
  readonly authority: string;
  readonly hostname: string;
  readonly port: number;
  /** path of the server URL without trailing slash ('' when none) */
  readonly basePath: string;
  /** `https://` (or `wss://`): dial with TLS */
  readonly tls: boolean;
  /** `h2c://`: cleartext HTTP/2 (h2c-client/) */
  readonly h2c: boolean;
}

const cache = new Map<string, ServerTarget>();
const CACHE_LIMIT = 100_000;

function parse(url: string): ServerTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw ProxyErrors.badServerURL(url);
  }
  const tls = u.protocol === 'https:' || u.protocol === 'wss:';
  const h2c = u.protocol === 'h2c:';
  if (!tls && !h2c && u.protocol !== 'http:' && u.protocol !== 'ws:') throw ProxyErrors.badServerURL(url);
  const port = u.port === '' ? (tls ? 443 : 80) : Number(u.port);
  const hostname = u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname;
  const basePath = u.pathname === '/' ? '' : u.pathname.replace(/\/+$/, '');
  return { origin: `${tls ? 'https' : 'http'}://${u.host}`, authority: u.host, hostname, port, basePath, tls, h2c };
}

/** Parses `url` (memoised: server URLs repeat on every request). */
export function serverTarget(url: string): ServerTarget {
  let t = cache.get(url);
  if (t === undefined) {
    t = parse(url);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(url, t);
  }
  return t;
}

/** Traefik semantics: the server URL path is prepended only with `preservePath`. */
export function upstreamPath(t: ServerTarget, path: string, query: string, preservePath: boolean | undefined): string {
  const p = preservePath === true && t.basePath !== '' ? t.basePath + path : path;
  return query === '' ? p : `${p}?${query}`;
}
