import { normalizeHost, type HttpExchange, type HttpResponse, type HttpStep } from '@wharf/config';
import type { OutgoingHttpHeaders } from 'node:http';
import { setHeader, textResponse, withOwnHeaders } from '../response.js';
import { compileCors } from './cors.js';
import type { HeadersOptions } from './schema.js';
import { compileSecurity } from './security.js';

type Edit = readonly [name: string, value: string | undefined];

/** `{k: ''}` removes k, else sets it (Traefik custom headers). */
function compileEdits(map: Record<string, string> | undefined): Edit[] {
  return Object.entries(map ?? {}).map(([k, v]) => [k.toLowerCase(), v === '' ? undefined : v] as const);
}

function applyRequestEdits(ex: HttpExchange, edits: Edit[]): void {
  for (const [name, value] of edits) {
    if (value === undefined) delete ex.headers[name];
    else ex.headers[name] = value;
    if (name === 'host' && value !== undefined) ex.host = normalizeHost(value);
  }
}

function applyResponseEdits(headers: OutgoingHttpHeaders, edits: Edit[]): void {
  for (const [name, value] of edits) setHeader(headers, name, value);
}

/** Custom request/response headers, CORS and security headers in one middleware, as Traefik. */
export function createHeaders(options: HeadersOptions): HttpStep {
  const requestEdits = compileEdits(options.customRequestHeaders);
  const responseEdits = compileEdits(options.customResponseHeaders);
  const cors = compileCors(options);
  const security = compileSecurity(options);

  const decorate = (ex: HttpExchange, upstream: HttpResponse): HttpResponse => {
    if (upstream.upgraded) return upstream;
    const res = withOwnHeaders(upstream);
    // Traefik's order: custom headers, then CORS, then the secure middleware wrapping both
    applyResponseEdits(res.headers, responseEdits);
    cors.applyToResponse(ex, res.headers);
    security.apply(ex, res.headers);
    return res;
  };

  return (ex, next) => {
    if (!security.hostAllowed(ex)) return Promise.resolve(textResponse(500, 'Bad Host'));
    if (cors.isPreflight(ex)) {
      const headers = cors.preflightHeaders(ex);
      security.apply(ex, headers);
      return Promise.resolve({ status: 200, headers: { ...headers, 'content-length': 0 }, body: null });
    }
    applyRequestEdits(ex, requestEdits);
    return next().then((res) => decorate(ex, res));
  };
}
