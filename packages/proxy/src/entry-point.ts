import { createServer, ServerResponse, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RequestObserver } from '@wharf/config';
import type { GenerationSource } from '@wharf/runtime';
import { createConnectionLimiter, type ConnectionLimiter } from './connection-limits.js';
import { deniedEscapes, type EncodedCharactersOptions } from './encoded-characters.js';
import { drainServer, type DrainState } from './entry-point-drain.js';
import { createTrustCheck, type ForwardedHeadersOptions } from './forwarded-headers.js';
import { installConnectionFront } from './incoming/connection-front.js';
import { asHttp1Request } from './incoming/h2-request.js';
import { acceptProxyProtocol, type ProxyProtocolOptions } from './incoming/proxy-header/accept-proxy-protocol.js';
import { listenServer } from './listen.js';
import { divertConnections, type ConnectionDivert } from './tcp/divert.js';
import { createRequestHandler, type RequestHandle } from './request-handler.js';
import type { UnderscoreHeadersStrategy } from './underscore-headers.js';

/** Entrypoint `http.*` options (Traefik names and defaults). */
export interface EntryPointHttpOptions {
  /** `http.sanitizePath`: clean `.`, `..` and `//` segments before routing; default true */
  sanitizePath?: boolean;
  /** `http.encodedCharacters`: escapes allowed in the path; every one allowed by default */
  encodedCharacters?: EncodedCharactersOptions;
  /** `http.underscoreHeadersStrategy`: request headers named with `_`; default keep */
  underscoreHeadersStrategy?: UnderscoreHeadersStrategy;
  /** `http.maxHeaderBytes`: the largest request head (HTTP/1.1) and header list (HTTP/2); default Node's 16 KiB / 32 KiB */
  maxHeaderBytes?: number;
}

/** Entrypoint `http2.*` options (Traefik names and defaults). */
export interface EntryPointHttp2Options {
  /** `http2.maxConcurrentStreams`: streams a client may have open on one connection; default 250 */
  maxConcurrentStreams?: number;
}

/** Entrypoint `transport.*` options (Traefik names and defaults), durations in ms; 0 = none. */
export interface EntryPointTransportOptions {
  /** `respondingTimeouts.readTimeout`: the whole request (head and body) must arrive within; default 60 000 */
  readTimeoutMs?: number;
  /** `respondingTimeouts.writeTimeout`: the response must be written within this after the request head; default 0 */
  writeTimeoutMs?: number;
  /** `respondingTimeouts.idleTimeout`: idle keep-alive client connections close after this; default 180 000 */
  idleTimeoutMs?: number;
  /** `keepAliveMaxRequests`: requests per client connection; default 0 */
  keepAliveMaxRequests?: number;
  /** `keepAliveMaxTime`: age of a client connection after which its next response closes it; default 0 */
  keepAliveMaxTimeMs?: number;
  /** `lifeCycle.requestAcceptGraceTimeout`: keep serving this long after a stop was asked; default 0 */
  requestAcceptGraceMs?: number;
  /** `lifeCycle.graceTimeOut`: in-flight requests and tunnels get this long to finish; default 10 000 */
  graceTimeoutMs?: number;
}

export interface EntryPointOptions {
  name: string;
  /** default: all interfaces */
  host?: string;
  port: number;
  generations: GenerationSource;
  observers?: RequestObserver[];
  forwardedHeaders?: ForwardedHeadersOptions;
  http?: EntryPointHttpOptions;
  transport?: EntryPointTransportOptions;
  http2?: EntryPointHttp2Options;
  /** where request-path failures are logged; default console.error */
  log?: (message: string, err?: unknown) => void;
  /** TCP routing on this port: every fresh socket goes here first (tcp/divert.ts) */
  divert?: ConnectionDivert;
  /** `proxyProtocol`: trusted load balancers' PROXY protocol headers, read before anything else */
  proxyProtocol?: ProxyProtocolOptions;
}

export interface EntryPoint {
  readonly name: string;
  listen(): Promise<void>;
  /** stops accepting, lets in-flight requests finish for up to graceMs, then cuts the rest */
  close(graceMs: number): Promise<void>;
  /** the graceful stop of `transport.lifeCycle`: serve for requestAcceptGraceTimeout, then close(graceTimeOut) */
  shutdown(): Promise<void>;
  /** bound address once listening (`port` is the real one when 0 was asked) */
  readonly address: { host: string; port: number } | undefined;
  /** client connections open now (`traefik_open_connections`) */
  openConnections(): number;
}

/** headers timeout when reads are not bounded: a request head never waits longer (slowloris) */
const HEADERS_TIMEOUT_MS = 60_000;

/** An upgrade request gets a ServerResponse on its raw socket, so refusals (404, 401…) are plain HTTP. */
function upgradeResponse(req: IncomingMessage, socket: Socket, head: Buffer): ServerResponse {
  if (head.length > 0) socket.unshift(head);
  const res = new ServerResponse(req);
  res.assignSocket(socket);
  res.shouldKeepAlive = false;
  res.once('finish', () => {
    res.detachSocket(socket);
    // whatever the client sent after its request is never read: discard it and close
    socket.resume();
    socket.end();
    socket.setTimeout(5_000, () => socket.destroy());
  });
  return res;
}

function serverOptions(t: EntryPointTransportOptions, maxHeaderBytes: number | undefined) {
  const readMs = Math.max(0, t.readTimeoutMs ?? 60_000);
  return {
    ...(maxHeaderBytes !== undefined && { maxHeaderSize: maxHeaderBytes }),
    keepAliveTimeout: Math.max(0, t.idleTimeoutMs ?? 180_000),
    requestTimeout: readMs,
    headersTimeout: readMs > 0 ? Math.min(readMs, HEADERS_TIMEOUT_MS) : HEADERS_TIMEOUT_MS,
    // node checks the two timeouts above on this period (default 30 s): keep them close to exact
    connectionsCheckingInterval: 1_000,
    requireHostHeader: true,
  };
}

/** Wires the server's events to the request handler; returns the open-connections counter. */
function attachHandlers(
  server: Server, state: DrainState, handle: RequestHandle, limiter: ConnectionLimiter | undefined, onUpgradeError: (err: Error) => void,
): () => number {
  // Go forwards every header (bounded by the head size): no silent drop past node's 2000 default
  server.maxHeadersCount = 0;
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (limiter !== undefined) limiter.onRequest(req, res);
    if (state.closing.value) res.shouldKeepAlive = false;
    handle(req, res, false);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', onUpgradeError);
    state.upgraded.add(socket);
    socket.once('close', () => state.upgraded.delete(socket));
    handle(req, upgradeResponse(req, socket, head), true);
  });
  let open = 0;
  server.on('connection', (socket: Socket) => {
    open += 1;
    socket.once('close', () => (open -= 1));
    if (limiter !== undefined) limiter.onConnection(socket);
  });
  return () => open;
}

/** One node:http server per entrypoint; every request goes through the current generation. */
export function createEntryPoint(options: EntryPointOptions): EntryPoint {
  const log = options.log ?? ((message: string, err?: unknown) => console.error(message, err ?? ''));
  const state: DrainState = { closing: { value: false }, upgraded: new Set() };
  const handle = createRequestHandler({
    closing: state.closing,
    name: options.name,
    generations: options.generations,
    observers: options.observers ?? [],
    trusted: createTrustCheck(options.forwardedHeaders),
    sanitizePath: options.http?.sanitizePath ?? true,
    deniedEscapes: deniedEscapes(options.http?.encodedCharacters),
    underscoreHeaders: options.http?.underscoreHeadersStrategy ?? 'keep',
    log,
  });
  const t = options.transport ?? {};
  const limiter = createConnectionLimiter({
    maxRequests: t.keepAliveMaxRequests ?? 0,
    maxAgeMs: t.keepAliveMaxTimeMs ?? 0,
    writeTimeoutMs: t.writeTimeoutMs ?? 0,
  });
  const server = createServer(serverOptions(t, options.http?.maxHeaderBytes));
  const openConnections = attachHandlers(server, state, handle, limiter, (err) => log(`entryPoint ${options.name}: upgrade socket error`, err));
  const front = installConnectionFront(server, {
    name: options.name,
    generations: options.generations,
    readTimeoutMs: t.readTimeoutMs ?? 60_000,
    idleTimeoutMs: t.idleTimeoutMs ?? 180_000,
    maxConcurrentStreams: options.http2?.maxConcurrentStreams ?? 250,
    ...(options.http?.maxHeaderBytes !== undefined && { maxHeaderListBytes: options.http.maxHeaderBytes }),
    onH2Request: (h2req, h2res) => {
      const { req, res } = asHttp1Request(h2req, h2res);
      handle(req, res, false);
    },
  });
  // TCP routes see each fresh socket first; what they do not take goes on to the TLS/plaintext front
  if (options.divert) divertConnections(server, options.divert);
  // outermost: the client address a trusted load balancer announces is set before any of the above
  if (options.proxyProtocol) acceptProxyProtocol(server, { ...options.proxyProtocol, name: options.name, readTimeoutMs: t.readTimeoutMs ?? 60_000, log: (m) => log(m) });
  let address: EntryPoint['address'];
  const close = (graceMs: number): Promise<void> => {
    for (const session of front.sessions) session.close();
    const cut = setTimeout(() => {
      for (const session of front.sessions) session.destroy();
    }, Math.max(0, graceMs));
    return drainServer(server, state, graceMs).finally(() => clearTimeout(cut));
  };
  return {
    name: options.name,
    openConnections,
    get address() {
      return address;
    },
    async listen() {
      address = await listenServer(server, options.name, options.host, options.port);
    },
    close,
    async shutdown() {
      const acceptMs = t.requestAcceptGraceMs ?? 0;
      if (acceptMs > 0 && server.listening) await sleep(acceptMs);
      await close(t.graceTimeoutMs ?? 10_000);
    },
  };
}
