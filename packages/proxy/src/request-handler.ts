import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpResponse, RequestObserver } from '@wharf/config';
import { normalizeHost, routingPath, type MatchRequest } from '@wharf/router';
import type { GenerationSource, RouteMatch } from '@wharf/runtime';
import { deniedEscapeIn } from './encoded-characters.js';
import { Exchange } from './exchange.js';
import { applyForwardedHeaders } from './forwarded-headers.js';
import { ProxyErrors } from './errors.js';
import { stripConnectionListed } from './hop-by-hop.js';
import { hostProblem } from './host-check.js';
import { tlsOptionsUsed } from './incoming/tls-options-used.js';
import { noteOutcome, observeRequest } from './request-record.js';
import { entryPointPath } from './request-path.js';
import { OPTIONS_ASTERISK, splitTarget, targetProblem, type SplitTarget } from './request-target.js';
import { writeResponse, writeText } from './write-response.js';
import { applyUnderscoreHeaders, type UnderscoreHeadersStrategy } from './underscore-headers.js';

export interface RequestHandlerContext {
  name: string;
  generations: GenerationSource;
  observers: readonly RequestObserver[];
  trusted: (ip: string) => boolean;
  log: (message: string, err?: unknown) => void;
  /** true once the entrypoint is closing: answers then end their keep-alive connection */
  closing: { value: boolean };
  /** `http.sanitizePath`: route and forward the cleaned path */
  sanitizePath: boolean;
  /** `http.encodedCharacters` denied (upper-case escapes), undefined when all are allowed */
  deniedEscapes: ReadonlySet<string> | undefined;
  /** `http.underscoreHeadersStrategy` (default keep) */
  underscoreHeaders?: UnderscoreHeadersStrategy;
}

export type RequestHandle = (req: IncomingMessage, res: ServerResponse, isUpgrade: boolean) => void;

/** An upgrade request with a body cannot be framed once node:http handed over the socket. */
function upgradeProblem(req: IncomingMessage): string | undefined {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined ? 'upgrade request with a body' : undefined;
}

/** Why the request head is refused before routing (400), `OPTIONS_ASTERISK`, or undefined. */
function headProblem(req: IncomingMessage, url: string, target: SplitTarget, sentHost: string | undefined, isUpgrade: boolean): string | undefined {
  return targetProblem(url, target, req.method ?? 'GET') ?? hostProblem(req, sentHost) ?? (isUpgrade ? upgradeProblem(req) : undefined);
}

function clientIPOf(req: IncomingMessage): string {
  const ip = req.socket.remoteAddress ?? '';
  return ip.startsWith('::ffff:') && ip.indexOf('.') > 0 ? ip.slice(7) : ip;
}

/**
 * The per-request path of an entrypoint: split the target (no URL objects), refuse a malformed
 * head (headProblem), normalise and clean the path (request-path.ts), apply the client's
 * Connection list and the forwarded headers, route on the current generation, run the compiled
 * handler, write its answer. Never throws.
 */
export function createRequestHandler(ctx: RequestHandlerContext): RequestHandle {
  const { name, generations, observers, trusted, log, closing, sanitizePath, deniedEscapes } = ctx;
  const underscoreHeaders = ctx.underscoreHeaders ?? 'keep';
  const observed = observers.length > 0;
  // observers with a start hook, resolved once: nothing extra per request when there are none
  const starters = observers.filter((o) => o.onRequestStart !== undefined);

  /** after routing; request-record guarantees the matching onRequestEnd (its listener is set) */
  function started(ex: Exchange): void {
    for (const o of starters) {
      try {
        o.onRequestStart!(ex);
      } catch (err) {
        log(`entryPoint ${name}: request observer failed on start`, err);
      }
    }
  }

  function finish(ex: Exchange, r: HttpResponse): void {
    if (observed && (r.error !== undefined || r.upgraded === true)) noteOutcome(ex, r.error?.code, r.upgraded === true ? r.status : undefined);
    if (closing.value) ex.res.shouldKeepAlive = false;
    try {
      writeResponse(ex.res, r);
    } catch (err) {
      // e.g. an invalid header value from a middleware or server: answer 502, never crash
      log(`entryPoint ${name}: cannot write the response of router ${ex.routerName ?? '-'}`, err);
      if (typeof r.body === 'object' && r.body !== null && !Buffer.isBuffer(r.body)) r.body.destroy();
      if (ex.res.headersSent) ex.res.destroy();
      else writeText(ex.res, 502, 'Bad Gateway');
    }
  }

  function fail(ex: Exchange, err: unknown): void {
    log(`entryPoint ${name}: router ${ex.routerName ?? '-'} handler failed for ${ex.method} ${ex.path}`, err);
    if (observed) noteOutcome(ex, ProxyErrors.handlerFailed.code);
    writeText(ex.res, 500, 'Internal Server Error');
  }

  function dispatch(ex: Exchange, route: RouteMatch): void {
    ex.routerName = route.router;
    ex.serviceName = route.service;
    if (starters.length > 0) started(ex);
    let pending: Promise<HttpResponse>;
    try {
      pending = route.handler(ex);
    } catch (err) {
      fail(ex, err);
      return;
    }
    pending.then(
      (r) => finish(ex, r),
      (err: unknown) => fail(ex, err),
    );
  }

  /** a malformed request: answered, then its connection closes (as Go's server does) */
  function reject(ex: Exchange, status: number, text: string): void {
    if (observed) noteOutcome(ex, ProxyErrors.badRequest.code);
    ex.res.shouldKeepAlive = false;
    writeText(ex.res, status, text);
  }

  /** 421: the connection was made for a host with other TLS options (RFC 9110 §15.5.20: retry on a new connection) */
  function misdirect(ex: Exchange): void {
    // not logged (a client could fill the log): the access log and metrics carry the code
    if (observed) noteOutcome(ex, ProxyErrors.misdirected.code);
    writeText(ex.res, 421, 'Misdirected Request\n');
  }

  return function handle(req, res, isUpgrade) {
    const startedAt = performance.now();
    const url = req.url ?? '/';
    const target = splitTarget(url);
    const clientIP = clientIPOf(req);
    const headers = req.headers;
    const method = req.method ?? 'GET';
    const sentHost = headers.host;
    // Go's rule: an absolute-form target's authority is the host for routing, Host and X-Forwarded-Host
    if (target.authority !== undefined) headers.host = target.authority;
    const path = entryPointPath(target.path, sanitizePath);
    const host = normalizeHost(headers.host);
    const ex = new Exchange(req, res, name, clientIP, startedAt, method, host, path ?? target.path, target.query, headers, isUpgrade);
    if (observed) observeRequest(ex, observers);
    const problem = path === null ? 'bad escape' : headProblem(req, url, target, sentHost, isUpgrade);
    if (problem !== undefined) {
      if (problem === OPTIONS_ASTERISK) return writeText(res, 200, '');
      return reject(ex, 400, 'Bad Request');
    }
    const routing = routingPath(ex.path);
    if (routing === null) return reject(ex, 400, 'Bad Request');
    stripConnectionListed(headers);
    if (!applyUnderscoreHeaders(headers, underscoreHeaders)) return reject(ex, 400, 'Bad Request');
    const overTls = (req.socket as { encrypted?: boolean }).encrypted === true;
    applyForwardedHeaders(headers, trusted(clientIP), clientIP, isUpgrade, overTls);
    const match: MatchRequest = { host, path: routing, method, headers, query: target.query, clientIP };
    let route: RouteMatch | undefined;
    try {
      route = generations.current().route(name, match, overTls);
    } catch (err) {
      return fail(ex, err);
    }
    if (route === undefined) return writeText(res, 404, '404 page not found\n');
    // Traefik's SNI check: the Host's router must use the option set the handshake used, else a
    // client could present an SNI without client authentication and reach a host that requires it
    if (route.tlsOptions !== undefined && route.tlsOptions !== tlsOptionsUsed(req.socket)) return misdirect(ex);
    if (deniedEscapes !== undefined && deniedEscapeIn(ex.path, deniedEscapes) !== undefined) return reject(ex, 400, 'Bad Request');
    dispatch(ex, route);
  };
}
