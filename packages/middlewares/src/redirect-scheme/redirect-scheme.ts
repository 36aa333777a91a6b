import { readHeader } from '@wharf/config';
import type { HttpStep } from '@wharf/config';
import { redirectResponse, requestScheme } from '../redirect-regex/redirect.js';
import type { RedirectSchemeOptions } from './schema.js';

const DEFAULT_PORTS: Record<string, string> = { http: '80', https: '443' };
/** host (name or [v6]) and optional port of a Host header */
const HOST_PORT = /^(\[[^\]]+\]|[^:]*)(?::(\d+))?$/;

/**
 * Traefik's rule: the client URL (default port omitted) is rewritten to
 * `scheme://host[:port]/uri` and the client is redirected when that differs.
 * So https on :8443 with `scheme: https` and no port is sent to :443, as Traefik does.
 */
export function createRedirectScheme(options: RedirectSchemeOptions): HttpStep {
  const scheme = options.scheme.toLowerCase();
  const port = options.port === undefined ? '' : String(options.port);
  const portSuffix = port !== '' && DEFAULT_PORTS[scheme] !== port ? `:${port}` : '';
  const permanent = options.permanent ?? false;
  return (ex, next) => {
    const current = requestScheme(ex);
    const m = HOST_PORT.exec(readHeader(ex.headers, 'host') ?? ex.host);
    const host = m?.[1] ?? ex.host;
    const currentPort = m?.[2] && DEFAULT_PORTS[current] !== m[2] ? `:${m[2]}` : '';
    const uri = `${ex.path}${ex.query ? `?${ex.query}` : ''}`;
    const target = `${scheme}://${host}${portSuffix}${uri}`;
    if (target === `${current}://${host}${currentPort}${uri}`) return next();
    return Promise.resolve(redirectResponse(ex, target, permanent));
  };
}
