import type { Server } from 'node:http';
import { createServer as createH2Server, type Http2ServerRequest, type Http2ServerResponse, type ServerHttp2Session } from 'node:http2';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { GenerationSource } from '@wharf/runtime';
import { peekClientHello } from '@wharf/tls';
import { createTlsTermination } from './tls-termination.js';

export interface ConnectionFrontOptions {
  name: string;
  generations: GenerationSource;
  /** the ClientHello must arrive within this (`respondingTimeouts.readTimeout`); 0 → 60 s */
  readTimeoutMs: number;
  /** `respondingTimeouts.idleTimeout`: an HTTP/2 connection with nothing going on this long is closed (GOAWAY); 0 = never */
  idleTimeoutMs: number;
  /** `http2.maxConcurrentStreams` (Traefik's default 250; Node's own is 2³²−1) */
  maxConcurrentStreams: number;
  /** `http.maxHeaderBytes`, when set: the decoded header list bound of HTTP/2 requests (default 32 KiB) */
  maxHeaderListBytes?: number;
  /** an HTTP/2 request, made to look like an HTTP/1.1 one (Host from `:authority`, no pseudo-headers) */
  onH2Request(req: Http2ServerRequest, res: Http2ServerResponse): void;
}

export interface ConnectionFront {
  /** open HTTP/2 sessions: a drain sends them GOAWAY, its deadline destroys them */
  readonly sessions: Set<ServerHttp2Session>;
}

/** HTTP/2 request header bounds (see installConnectionFront) */
const H2_MAX_HEADER_LIST_BYTES = 32 * 1024;
const H2_MAX_HEADER_PAIRS = 4096;

/**
 * Puts the TLS split in front of the entrypoint's HTTP server without bending it: the server keeps
 * listening (its drain and timeouts unchanged), its own connection listener is taken out and
 * called for plaintext sockets and for decrypted `http/1.1` ones. While the current generation has
 * TLS, the first bytes of each connection are peeked: a TLS ClientHello is terminated (SNI →
 * option set → certificate), anything else is plaintext HTTP, as Traefik does on every entrypoint.
 */
export function installConnectionFront(server: Server, o: ConnectionFrontOptions): ConnectionFront {
  const original = server.listeners('connection') as Array<(socket: Socket) => void>;
  const httpConnection = original[0]!;
  server.removeListener('connection', httpConnection);
  const sessions = new Set<ServerHttp2Session>();
  // Node's minimum is 4 pairs (0 means 4, not "unlimited"): a real client's headers need room.
  // The HTTP/1.1 side forwards any number of headers within a 16 KiB head; HTTP/2 gets the same
  // bound on the decoded list (plus HPACK's 32 bytes per entry) and a pair count it cannot reach
  const h2 = createH2Server({ maxHeaderListPairs: H2_MAX_HEADER_PAIRS, settings: { maxHeaderListSize: o.maxHeaderListBytes ?? H2_MAX_HEADER_LIST_BYTES, maxConcurrentStreams: o.maxConcurrentStreams } });
  h2.on('request', o.onH2Request);
  h2.on('session', (session: ServerHttp2Session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
    // as HTTP/1.1 keep-alive: close() sends GOAWAY and lets open streams finish
    if (o.idleTimeoutMs > 0) session.setTimeout(o.idleTimeoutMs, () => session.close());
    session.on('error', () => undefined);
  });
  const terminate = createTlsTermination({
    http1: (socket: TLSSocket) => httpConnection.call(server, socket),
    h2: (socket: TLSSocket) => h2.emit('connection', socket),
  });
  server.prependListener('connection', (socket: Socket) => {
    const tls = o.generations.current().tls;
    if (tls === undefined) {
      httpConnection.call(server, socket);
      // a socket read before (a PROXY protocol header) is paused with the rest put back
      if (socket.isPaused()) socket.resume();
      return;
    }
    void peekClientHello(socket, { timeoutMs: o.readTimeoutMs > 0 ? o.readTimeoutMs : 60_000 }).then((peeked) => {
      if (socket.destroyed) return;
      if (peeked.kind === 'notTls') {
        httpConnection.call(server, socket);
        socket.resume();
      } else if (peeked.kind === 'hello') terminate(socket, o.name, tls, peeked.hello.sni, peeked.hello.alpn);
      else socket.destroy();
    });
    // a socket read before (a PROXY protocol header) is paused with the rest put back
    if (socket.isPaused()) socket.resume();
  });
  return { sessions };
}
