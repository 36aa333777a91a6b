import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { TLSSocket, type TlsOptions } from 'node:tls';
import type { TcpConnectionRecord } from '@wharf/config';
import type { TcpConnectionInfo, TcpEntryPointRoutes, TcpRoute } from '@wharf/runtime';
import { peekConnectionStart, type PeekResult } from '@wharf/tls';
import { forwardTcp } from './forward-tcp.js';
import { acceptSslRequest, POSTGRES_UPSTREAM_STARTTLS, withPostgresAlpn } from './postgres-starttls.js';
import { replayable } from './replay-socket.js';

export interface TcpHandlingOptions {
  /** bound on reading the ClientHello (Traefik: the entrypoint's readTimeout) */
  peekTimeoutMs: number;
  /** TLS termination: server options for a TLS options name; undefined → the connection is closed */
  secureOptions?: (optionsName: string, localAddress: string | undefined) => TlsOptions | undefined;
  /** nothing matched: give the socket (bytes replayed) to the HTTP side, else it is closed */
  toHttp?: (socket: Socket) => void;
  log?: (message: string, err?: unknown) => void;
  /** the entrypoint's bound on connections mid-peek: false → closed at once (a half-open flood) */
  peekSlots?: { take(): boolean; give(): void };
  /** connection and byte counters per router/service (the traffic recorder's L4 meter) */
  meter?: TcpMeter;
  /** bound on a terminated TLS handshake (default 10 s); past it the connection is closed */
  handshakeTimeoutMs?: number;
  /** the entrypoint's name (for `onConnectionEnd`) */
  entryPoint?: string;
  /** one record per routed connection at close (the TCP access log); off the data path */
  onConnectionEnd?: (record: TcpConnectionRecord) => void;
}

/** Structural view of the observability L4 meter (the proxy does not depend on observability). */
export interface TcpMeter {
  /** `live`: the bytes moved so far, read by snapshots while the connection is open */
  open(protocol: 'tcp', router: string, service: string, live?: () => readonly [number, number]): { bytes(bytesIn: number, bytesOut: number): void; end(): void };
}

const HANDSHAKE_TIMEOUT_MS = 10_000;

/** Traefik's canonical domain: lower-case, no trailing dot. */
const canonical = (sni: string): string => sni.toLowerCase().replace(/\.$/, '');

/**
 * One client connection on an entrypoint with TCP routes. Only plain routes: routed at once,
 * without reading a byte (server-speaks-first protocols work). Otherwise the ClientHello is
 * peeked (bounded, timed), routed by SNI/ALPN/client IP, and the bytes are replayed. A Postgres
 * SSLRequest first is answered `S` and the ClientHello after it routed to TLS TCP routers only
 * (Traefik's Postgres STARTTLS); the whole preamble shares one read timeout.
 */
export async function handleTcpConnection(socket: Socket, routes: TcpEntryPointRoutes, o: TcpHandlingOptions): Promise<void> {
  const startTime = Date.now();
  socket.on('error', () => socket.destroy());
  const clientIp = socket.remoteAddress ?? '';
  const plain: TcpConnectionInfo = { sni: '', alpn: [], clientIp, tls: false };
  if (routes.plainOnly) return serveOrFallBack(socket, routes.route(plain), plain, o, startTime);
  if (o.peekSlots && !o.peekSlots.take()) return void socket.destroy();
  socket.resume();
  const { peek, postgres } = await readPreamble(socket, o.peekTimeoutMs).finally(() => o.peekSlots?.give());
  if (peek.kind === 'closed' || peek.kind === 'timeout' || peek.kind === 'error') return void socket.destroy();
  const info: TcpConnectionInfo = peek.kind === 'hello'
    ? { sni: canonical(peek.hello.sni), alpn: peek.hello.alpn, clientIp, tls: true }
    : peek.kind === 'sslv2' ? { ...plain, tls: true } : plain;
  if (!postgres) return serveOrFallBack(socket, routes.route(info), info, o, startTime);
  // after an SSLRequest: plaintext, or no TLS router for the SNI, is closed (never handed to HTTP)
  const route = routes.routePostgres(info);
  if (!route) return void socket.destroy();
  serveOrFallBack(socket, route, info, o, startTime, true);
}

/** The first bytes: a ClientHello, or an SSLRequest (answered) and then the ClientHello. */
async function readPreamble(socket: Socket, timeoutMs: number): Promise<{ peek: PeekResult; postgres: boolean }> {
  const deadline = Date.now() + timeoutMs;
  const first = await peekConnectionStart(socket, { timeoutMs });
  if (first.kind !== 'postgresSslRequest') return { peek: first, postgres: false };
  if (socket.destroyed) return { peek: { kind: 'closed' }, postgres: true };
  return { peek: await acceptSslRequest(socket, deadline - Date.now()), postgres: true };
}

/** The access-log record of a connection, once it is over. */
function recorder(socket: Socket, route: TcpRoute, o: TcpHandlingOptions, startTime: number): (server: string | undefined, error?: string) => void {
  const { onConnectionEnd } = o;
  if (!onConnectionEnd) return () => undefined;
  const clientAddr = `${socket.remoteAddress ?? ''}:${socket.remotePort ?? 0}`;
  return (server, error) => onConnectionEnd({
    entryPoint: o.entryPoint ?? '',
    router: route.router,
    service: route.service,
    ...(server !== undefined && { server }),
    clientAddr,
    tls: route.tls,
    startTime,
    durationMs: Date.now() - startTime,
    bytesIn: socket.bytesRead,
    bytesOut: socket.bytesWritten,
    ...(error !== undefined && { error }),
  });
}

function serveOrFallBack(socket: Socket, route: TcpRoute | undefined, info: TcpConnectionInfo, o: TcpHandlingOptions, startTime: number, postgres = false): void {
  if (!route) {
    if (o.toHttp) {
      o.toHttp(socket);
      // peeked sockets are paused: the HTTP server reads the replayed bytes once resumed
      socket.resume();
    } else socket.destroy();
    return;
  }
  const record = recorder(socket, route, o, startTime);
  const release = route.admit(info.clientIp);
  if (!release) {
    socket.destroy();
    return record(undefined, 'refused by middleware');
  }
  const upstream = route.pick();
  if (!upstream) {
    release();
    socket.destroy();
    return record(undefined, 'no available server');
  }
  const flow = o.meter?.open('tcp', route.router, route.service, () => [socket.bytesRead, socket.bytesWritten]);
  const forward = (client: Duplex): void => forwardTcp(client, upstream, {
    ...(postgres && route.tls === 'passthrough' && { startTls: POSTGRES_UPSTREAM_STARTTLS }),
    addresses: {
      sourceAddress: socket.remoteAddress ?? '',
      sourcePort: socket.remotePort ?? 0,
      destinationAddress: socket.localAddress ?? '',
      destinationPort: socket.localPort ?? 0,
    },
    onDone: (err) => {
      // the raw socket's counts (TLS-terminated: bytes on the wire, handshake included)
      flow?.bytes(socket.bytesRead, socket.bytesWritten);
      flow?.end();
      release();
      record(upstream.address, err?.message);
      if (err) o.log?.(`tcp router ${route.router}: ${err.message}`);
    },
  });
  if (route.tls !== 'terminate') return forward(socket);
  const options = o.secureOptions?.(route.tlsOptions, socket.localAddress);
  if (!options) {
    flow?.end();
    release();
    socket.destroy();
    return record(undefined, `no TLS options ${route.tlsOptions}`);
  }
  const secure = new TLSSocket(replayable(socket), { ...(postgres ? withPostgresAlpn(options) : options), isServer: true });
  let handshaken = false;
  // a failed, timed-out or abandoned handshake releases the middleware gates and is recorded once
  const abandon = (reason: string): void => {
    if (handshaken) return;
    handshaken = true;
    clearTimeout(timer);
    flow?.bytes(socket.bytesRead, socket.bytesWritten);
    flow?.end();
    release();
    secure.destroy();
    socket.destroy();
    record(undefined, `TLS handshake: ${reason}`);
  };
  const timer = setTimeout(() => abandon('timeout'), o.handshakeTimeoutMs ?? HANDSHAKE_TIMEOUT_MS);
  secure.once('secure', () => {
    if (handshaken) return;
    handshaken = true;
    clearTimeout(timer);
    forward(secure);
  });
  secure.once('error', (err: Error) => abandon((err as { code?: string }).code ?? err.message));
  secure.once('close', () => abandon('closed'));
  // the raw socket allows half-open: a client FIN mid-handshake only ends it (no close, no error)
  socket.once('end', () => abandon('client closed'));
  socket.once('close', () => abandon('client closed'));
}
