import { validHost } from './host-check.js';

/**
 * Request-target splitting for the hot path, without URL objects. Host normalisation and the
 * routing path are the router's (`normalizeHost`, `routingPath` from @wharf/router).
 */

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

/** `OPTIONS *`: answered 200 by the entrypoint itself, as Go's server does; never routed. */
export const OPTIONS_ASTERISK = 'OPTIONS *';

const HTTP_URL = /^https?:\/\//i;

const FRAGMENT = 'fragment in the request target';

/**
 * Why a request target cannot be routed (answer 400), `OPTIONS_ASTERISK`, or undefined for an
 * origin-form path (`/…`) or an `http(s)://` absolute-form with a valid authority. A `#` in the
 * path is refused, as Traefik's `denyFragment` does: no client sends a fragment.
 */
export function targetProblem(url: string, target: SplitTarget, method: string): string | undefined {
  if (target.path.indexOf('#') >= 0) return FRAGMENT;
  if (url.charCodeAt(0) === 47 /* / */) return undefined;
  if (url === '*') return method === 'OPTIONS' ? OPTIONS_ASTERISK : 'asterisk-form target outside OPTIONS';
  if (target.authority === undefined || !HTTP_URL.test(url)) return 'request target is neither a path nor an http(s) URL';
  return validHost(target.authority) ? undefined : 'malformed authority in the request target';
}
