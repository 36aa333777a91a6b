import type { Socket } from 'node:net';
import { TLS_HELLO_TOO_LARGE } from '../errors.js';
import { readConnectionStart, type ConnectionStartResult } from './postgres-ssl-request.js';
import { MAX_CLIENT_HELLO_PEEK, readClientHello, type ClientHelloResult } from './read-client-hello.js';

type Decided<R> = Exclude<R, { kind: 'needMore' }>;
type Outcome<R> =
  | Decided<R>
  /** no answer within `timeoutMs` (the caller's read timeout, Traefik's `respondingTimeouts.readTimeout`) */
  | { kind: 'timeout' }
  /** the client closed (or the socket failed) before a decision */
  | { kind: 'closed' };

export type PeekResult = Outcome<ClientHelloResult>;
export type ConnectionStartPeek = Outcome<ConnectionStartResult>;

export interface PeekOptions {
  timeoutMs: number;
}

/**
 * Reads the start of a connection until `readClientHello` decides, then puts every byte read back
 * (`socket.unshift`), so whoever takes the socket next (`tlsServer.emit('connection', socket)`,
 * a TCP forwarder, the HTTP server) sees the connection from its first byte. The socket is left
 * paused: a consumer that reads by 'data' events must `resume()` it.
 */
export function peekClientHello(socket: Socket, o: PeekOptions): Promise<PeekResult> {
  return peekWith(socket, readClientHello, o);
}

/** As `peekClientHello`, and a Postgres SSLRequest is recognised (`postgresSslRequest`, its 8 bytes put back too). */
export function peekConnectionStart(socket: Socket, o: PeekOptions): Promise<ConnectionStartPeek> {
  return peekWith(socket, readConnectionStart, o);
}

/** every reader's answer past its bound (`R` always includes the error kind) */
const tooManyBytes: ClientHelloResult = { kind: 'error', code: TLS_HELLO_TOO_LARGE, message: 'ClientHello refused: too many bytes' };

function peekWith<R extends ConnectionStartResult>(socket: Socket, read: (data: Uint8Array) => R, o: PeekOptions): Promise<Outcome<R>> {
  return new Promise((resolve) => {
    let buffer = Buffer.alloc(0);
    let length = 0;
    let done = false;
    const finish = (result: Outcome<R>): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('end', onClosed);
      socket.off('close', onClosed);
      socket.off('error', onClosed);
      socket.pause();
      if (length > 0 && !socket.destroyed) socket.unshift(buffer.subarray(0, length));
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      if (length + chunk.length > buffer.length) {
        const grown = Buffer.allocUnsafe(Math.max(buffer.length * 2, length + chunk.length, 1024));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      chunk.copy(buffer, length);
      length += chunk.length;
      const result = read(buffer.subarray(0, length));
      if (result.kind !== 'needMore') finish(result as Decided<R>);
      // cannot happen (the readers decide within MAX_CLIENT_HELLO_PEEK bytes); a guard all the same
      else if (length > MAX_CLIENT_HELLO_PEEK) finish(tooManyBytes as Decided<R>);
    };
    const onClosed = (): void => finish({ kind: 'closed' });
    const timer = setTimeout(() => finish({ kind: 'timeout' }), o.timeoutMs);
    socket.on('data', onData);
    socket.once('end', onClosed);
    socket.once('close', onClosed);
    socket.once('error', onClosed);
  });
}
