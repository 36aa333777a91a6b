import type { MatchQuery } from '@wharf/config';
import { normalizeHost, routingPath } from '@wharf/router';
import type { MatchRequest } from '@wharf/router';

/**
 * The route tester's request, built as the proxy builds it: an absolute URL gives the host (as
 * an absolute-URI request does), otherwise the `host` header; the routing path decodes
 * unreserved escapes (WHATWG URL already removed dot segments). Throws on a malformed URL/path.
 */
export function matchRequestFromQuery(query: MatchQuery): MatchRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(query.headers ?? {})) headers[k.toLowerCase()] = v;
  const absolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(query.url);
  const url = new URL(query.url, 'http://route-tester.invalid');
  if (absolute && headers['host'] === undefined) headers['host'] = url.host;
  const path = routingPath(url.pathname);
  if (path === null) throw new TypeError(`malformed path ${url.pathname}`);
  return {
    host: normalizeHost(absolute ? url.host : headers['host']),
    path,
    method: (query.method ?? 'GET').toUpperCase(),
    headers,
    query: url.search.startsWith('?') ? url.search.slice(1) : url.search,
    clientIP: query.clientIP ?? '127.0.0.1',
  };
}
