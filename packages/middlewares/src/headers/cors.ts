import { readHeader } from '@wharf/config';
import type { HttpExchange } from '@wharf/config';
import type { OutgoingHttpHeaders } from 'node:http';
import { compileGoRegex } from '../options/go-regex.js';
import { setHeader } from '../response.js';
import type { HeadersOptions } from './schema.js';

export interface CompiledCors {
  enabled: boolean;
  isPreflight(ex: HttpExchange): boolean;
  preflightHeaders(ex: HttpExchange): OutgoingHttpHeaders;
  applyToResponse(ex: HttpExchange, headers: OutgoingHttpHeaders): void;
}

/** CORS as Traefik's headers middleware: preflights are answered here, other responses decorated. */
export function compileCors(o: HeadersOptions): CompiledCors {
  const origins = o.accessControlAllowOriginList ?? [];
  const regexes = (o.accessControlAllowOriginListRegex ?? []).map((r) => compileGoRegex(r));
  const credentials = o.accessControlAllowCredentials ?? false;
  const allowHeaders = (o.accessControlAllowHeaders ?? []).join(',');
  const allowMethods = (o.accessControlAllowMethods ?? []).join(',');
  const expose = (o.accessControlExposeHeaders ?? []).join(',');
  const enabled = origins.length > 0 || regexes.length > 0 || credentials || allowHeaders !== '' || allowMethods !== '' || expose !== '';

  /** value for Access-Control-Allow-Origin, or undefined when the origin is not allowed */
  const allowedOrigin = (origin: string | undefined): string | undefined => {
    if (!origin) return undefined;
    for (const allowed of origins) {
      // `*` with credentials is refused by browsers: echo the origin instead (wharf improvement)
      if (allowed === '*') return credentials ? origin : '*';
      if (allowed === origin) return origin;
    }
    return regexes.some((re) => re.test(origin)) ? origin : undefined;
  };
  const addVary = (headers: OutgoingHttpHeaders, origin: string | undefined) => {
    if (!o.addVaryHeader || origin === '*') return;
    const vary = readHeader(headers, 'vary');
    if (!vary?.split(',').some((v) => v.trim().toLowerCase() === 'origin')) setHeader(headers, 'vary', vary ? `${vary}, Origin` : 'Origin');
  };

  return {
    enabled,
    isPreflight: (ex) =>
      enabled && ex.method === 'OPTIONS' && !!readHeader(ex.headers, 'origin') && !!readHeader(ex.headers, 'access-control-request-method'),
    preflightHeaders(ex) {
      const headers: OutgoingHttpHeaders = {};
      if (credentials) headers['access-control-allow-credentials'] = 'true';
      if (allowHeaders) headers['access-control-allow-headers'] = allowHeaders;
      if (allowMethods) headers['access-control-allow-methods'] = allowMethods;
      const origin = allowedOrigin(readHeader(ex.headers, 'origin'));
      if (origin) headers['access-control-allow-origin'] = origin;
      headers['access-control-max-age'] = String(o.accessControlMaxAge ?? 0);
      addVary(headers, origin);
      return headers;
    },
    applyToResponse(ex, headers) {
      if (!enabled) return;
      const origin = allowedOrigin(readHeader(ex.headers, 'origin'));
      if (origin) setHeader(headers, 'access-control-allow-origin', origin);
      if (credentials) setHeader(headers, 'access-control-allow-credentials', 'true');
      if (expose) setHeader(headers, 'access-control-expose-headers', expose);
      addVary(headers, origin);
    },
  };
}
