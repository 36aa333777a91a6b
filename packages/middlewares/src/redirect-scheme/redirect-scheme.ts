import type { HttpStep } from '@wharf/config';
import { redirectResponse, requestScheme } from '../redirect-regex/redirect.js';
import { requestHeader } from '../response.js';
import type { RedirectSchemeOptions } from './schema.js';

const DEFAULT_PORTS: Record<string, string> = { http: '80', https: '443' };
/** host (name or [v6]) and optional port of a Host header */
const HOST_PORT = /^(\[[^\]]+\]|[^:]*)(?::\d+)?$/;

/** Redirects to `scheme://host[:port]` unless the request already uses the scheme. */
export function createRedirectScheme(options: RedirectSchemeOptions): HttpStep {
  const scheme = options.scheme.toLowerCase();
  const port = options.port === undefined ? '' : String(options.port);
  const portSuffix = port !== '' && DEFAULT_PORTS[scheme] !== port ? `:${port}` : '';
  const permanent = options.permanent ?? false;
  return (ex, next) => {
    if (requestScheme(ex) === scheme) return next();
    const hostHeader = requestHeader(ex.headers, 'host') ?? ex.host;
    const host = HOST_PORT.exec(hostHeader)?.[1] ?? ex.host;
    const location = `${scheme}://${host}${portSuffix}${ex.path}${ex.query ? `?${ex.query}` : ''}`;
    return Promise.resolve(redirectResponse(ex, location, permanent));
  };
}
