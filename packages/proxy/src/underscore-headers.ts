import type { IncomingHttpHeaders } from 'node:http';

/**
 * Traefik's `http.underscoreHeadersStrategy` for request headers whose name holds a `_`
 * (`X_Auth_User`): CGI-style servers (PHP, nginx+FastCGI, WSGI) read them as the `-` spelling, so
 * a client can pass a header that a proxy in front checks or sets under the other spelling.
 * `keep` forwards them (the default), `delete` drops them, `reject` answers 400.
 */
export type UnderscoreHeadersStrategy = 'keep' | 'delete' | 'reject';

/** Applies `strategy`; false when the request must be refused (`reject` and such a header is there). */
export function applyUnderscoreHeaders(headers: IncomingHttpHeaders, strategy: UnderscoreHeadersStrategy): boolean {
  if (strategy === 'keep') return true;
  for (const name of Object.keys(headers)) {
    if (name.indexOf('_') < 0) continue;
    if (strategy === 'reject') return false;
    delete headers[name];
  }
  return true;
}
