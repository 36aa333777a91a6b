import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { TLSSocket, type TlsOptions } from 'node:tls';
import type { TcpConnectionInfo, TcpEntryPointRoutes, TcpRoute } from '@wharf/runtime';
import { peekClientHello } from '@wharf/tls';
import { forwardTcp } from './forward-tcp.js';
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
}

/** Structural view of the observability L4 meter (the proxy does not depend on observability). */
export interface TcpMeter {
  open(protocol: 'tcp', router: string, service: string): { bytes(bytesIn: number, bytesOut: number): void; end(): void };
}

const HANDSHAKE_TIMEOUT_MS = 10_000;

/** Traefik's canonical domain: lower-case, no trailing dot. */
const canonical = (sni: string): string => sni.toLowerCase().replace(/\.$/, '');

/**
 * One client connection on an entrypoint with TCP routes. Only plain routes: routed at once,
 * without reading a byte (server-speaks-first protocols work). Otherwise the ClientHello is
 * peeked (bounded, timed), routed by SNI/ALPN/client IP, and the bytes are replayed.
 */
export async function handleTcpConnection(socket: Socket, routes: TcpEntryPointRoutes, o: TcpHandlingOptions): Promise<void> {
  socket.on('error', () => socket.destroy());
  const clientIp = socket.remoteAddress ?? '';
  const plain: TcpConnectionInfo = { sni: '', alpn: [], clientIp, tls: false };
  if (routes.plainOnly) return serveOrFallBack(socket, routes.route(plain), plain, o);
  if (o.peekSlots && !o.peekSlots.take()) return void socket.destroy();
  socket.resume();
  const peek = await peekClientHello(socket, { timeoutMs: o.peekTimeoutMs }).finally(() => o.peekSlots?.give());
  if (peek.kind === 'closed' || peek.kind === 'timeout' || peek.kind === 'error') return void socket.destroy();
  const info: TcpConnectionInfo = peek.kind === 'hello'
    ? { sni: canonical(peek.hello.sni), alpn: peek.hello.alpn, clientIp, tls: true }
    : peek.kind === 'sslv2' ? { ...plain, tls: true } : plain;
  serveOrFallBack(socket, routes.route(info), info, o);
}

function serveOrFallBack(socket: Socket, route: TcpRoute | undefined, info: TcpConnectionInfo, o: TcpHandlingOptions): void {
  if (!route) {
    if (o.toHttp) {
      o.toHttp(socket);
      // peeked sockets are paused: the HTTP server reads the replayed bytes once resumed
      socket.resume();
    } else socket.destroy();
    return;
  }
  const release = route.admit(info.clientIp);
  if (!release) return void socket.destroy();
  const upstream = route.pick();
  if (!upstream) {
    release();
    return void socket.destroy();
  }
  const flow = o.meter?.open('tcp', route.router, route.service);
  const forward = (client: Duplex): void => forwardTcp(client, upstream, {
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
      if (err) o.log?.(`tcp router ${route.router}: ${err.message}`);
    },
  });
  if (route.tls !== 'terminate') return forward(socket);
  const options = o.secureOptions?.(route.tlsOptions, socket.localAddress);
  if (!options) {
    flow?.end();
    release();
    return void socket.destroy();
  }
  const secure = new TLSSocket(replayable(socket), { ...options, isServer: true });
  const timer = setTimeout(() => secure.destroy(), HANDSHAKE_TIMEOUT_MS);
  secure.once('secure', () => {
    clearTimeout(timer);
    forward(secure);
  });
  secure.once('error', () => {
    clearTimeout(timer);
    flow?.bytes(socket.bytesRead, socket.bytesWritten);
    flow?.end();
    release();
    secure.destroy();
  });
}
