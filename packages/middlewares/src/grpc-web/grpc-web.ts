import type { OutgoingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { readHeader, type HttpExchange, type HttpResponse, type HttpStep } from '@wharf/config';
import { bufferRequestBody } from '../body/request-body.js';
import { textResponse } from '../response.js';
import { grpcWebBody } from './grpc-web-frames.js';
import type { GrpcWebOptions } from './schema.js';

const GRPC_WEB = 'application/grpc-web';
const GRPC_WEB_TEXT = 'application/grpc-web-text';
/** a grpc-web-text request body is decoded whole: gRPC's own default message limit */
const MAX_TEXT_BODY = 4 * 1024 * 1024;
/** CORS preflight answers are cached this long by browsers (improbable-eng's default, 10 min) */
const MAX_AGE_S = 600;

/**
 * Traefik's `grpcWeb` (improbable-eng's wrapper): a browser's gRPC-Web call (POST,
 * `application/grpc-web[-text][+proto]`) goes to the service as gRPC (content type rewritten,
 * base64 decoded for `-text`, `TE: trailers`, no Content-Length) and its answer comes back as
 * gRPC-Web: the content type rewritten back, every header exposed to the page, and the gRPC
 * trailers (`grpc-status`) appended to the body as a trailer frame, base64 for `-text`. CORS for
 * `allowOrigins` (credentials allowed, so the origin is echoed); a preflight asking for
 * `x-grpc-web` is answered here. Anything else passes through untouched.
 */
export function createGrpcWeb(options: GrpcWebOptions): HttpStep {
  const origins = options.allowOrigins ?? [];
  const allowed = (origin: string | undefined): origin is string => origin !== undefined && origins.some((o) => o === '*' || o === origin);
  return async (ex, next) => {
    const origin = readHeader(ex.headers, 'origin');
    if (ex.method === 'OPTIONS' && (readHeader(ex.headers, 'access-control-request-headers') ?? '').toLowerCase().includes('x-grpc-web')) {
      return preflight(ex, allowed(origin) ? origin : undefined);
    }
    const type = readHeader(ex.headers, 'content-type') ?? '';
    if (ex.method !== 'POST' || !type.startsWith(GRPC_WEB)) return next();
    const text = type.startsWith(GRPC_WEB_TEXT);
    if (text) {
      if ((await bufferRequestBody(ex, MAX_TEXT_BODY)) === 'too-large') return textResponse(413, 'grpc-web-text request body too large');
      ex.body = Buffer.from(ex.body!.toString('latin1'), 'base64');
    }
    ex.headers['content-type'] = type.replace(text ? GRPC_WEB_TEXT : GRPC_WEB, 'application/grpc');
    delete ex.headers['content-length'];
    ex.headers.te = 'trailers';
    const res = await next();
    return asGrpcWeb(res, text, allowed(origin) ? origin : undefined);
  };
}

function corsHeaders(origin: string | undefined): OutgoingHttpHeaders {
  return origin === undefined ? { vary: 'Origin' } : { vary: 'Origin', 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' };
}

/** rs/cors's preflight answer: 204; the method and headers asked for are allowed (improbable-eng allows every header) */
function preflight(ex: HttpExchange, origin: string | undefined): HttpResponse {
  const headers: OutgoingHttpHeaders = { ...corsHeaders(origin), vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers' };
  if (origin !== undefined) {
    const method = readHeader(ex.headers, 'access-control-request-method');
    if (method !== undefined) headers['access-control-allow-methods'] = method.toUpperCase();
    headers['access-control-allow-headers'] = readHeader(ex.headers, 'access-control-request-headers') ?? '';
    headers['access-control-max-age'] = String(MAX_AGE_S);
  }
  return { status: 204, headers, body: null };
}

function asGrpcWeb(res: HttpResponse, text: boolean, origin: string | undefined): HttpResponse {
  if (res.upgraded === true) return res;
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined || name === 'content-length' || name === 'trailer') continue;
    headers[name] = name === 'content-type' ? String(value).replace('application/grpc', text ? GRPC_WEB_TEXT : GRPC_WEB) : value;
  }
  headers['access-control-expose-headers'] = [...Object.keys(headers), 'grpc-status', 'grpc-message'].join(', ');
  Object.assign(headers, corsHeaders(origin));
  const upstream = res.body;
  const source = upstream instanceof Readable ? upstream : Readable.from(upstream === null ? [] : [Buffer.from(upstream)]);
  const body = grpcWebBody(() => res.trailers, text);
  source.on('error', (err) => body.destroy(err));
  body.on('close', () => {
    if (!source.readableEnded) source.destroy();
  });
  source.pipe(body);
  // the trailers now travel in the body: none are sent as HTTP trailers (a browser cannot read them)
  return { status: res.status, headers, body, ...(res.error !== undefined && { error: res.error }) };
}
