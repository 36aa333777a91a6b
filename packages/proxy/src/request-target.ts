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
