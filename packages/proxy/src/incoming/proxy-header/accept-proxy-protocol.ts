import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { createTrustCheck } from '../../forwarded-headers.js';
import { setClientAddress } from './client-address.js';
import { MAX_PROXY_HEADER_BYTES, PROXY_HEADER_TOO_LARGE, readProxyHeader, type ProxyHeaderResult } from './read-proxy-header.js';

/** Entrypoint `proxyProtocol` (Traefik): who may put a PROXY protocol header in front of a connection. */
export interface ProxyProtocolOptions {
  /** accept a header from any client */
  insecure?: boolean;
  /** IPs or CIDRs (the load balancers) whose header is read */
  trustedIPs?: string[];
}

export interface AcceptProxyProtocolOptions extends ProxyProtocolOptions {
  /** entrypoint name, for the log */
  name: string;
  /** the header must be complete within this (`respondingTimeouts.readTimeout`); 0 → 60 s */
  readTimeoutMs: number;
  /** a refused header (the connection is closed) */
  log?: (message: string) => void;
}

type Outcome = ProxyHeaderResult | { kind: 'timeout' } | { kind: 'closed' };

/**
 * Traefik's policy (go-proxyproto USE / IGNORE): from a trusted address the header is optional;
 * when present it must be valid, it is stripped and its source becomes the connection's client
 * address; a malformed or oversized one closes the connection. From any other address nothing is
 * read: the bytes reach routing as sent, so a client cannot forge its address with a header (an
 * HTTP request starting `PROXY …` gets a 400). Runs before everything else on the port (TCP
 * routing, the TLS/plaintext split, HTTP), hence installed last, around every other listener.
 */
export function acceptProxyProtocol(server: Server, o: AcceptProxyProtocolOptions): void {
  const trusted = createTrustCheck(o);
  const next = server.listeners('connection') as Array<(socket: Socket) => void>;
  server.removeAllListeners('connection');
  const pass = (socket: Socket): void => {
    for (const listener of next) listener.call(server, socket);
  };
  const timeoutMs = o.readTimeoutMs > 0 ? o.readTimeoutMs : 60_000;
  server.on('connection', (socket: Socket) => {
    if (!trusted(socket.remoteAddress ?? '')) return pass(socket);
    void readHeader(socket, timeoutMs).then((outcome) => {
      if (socket.destroyed) return;
      if (outcome.kind === 'closed') return void socket.destroy();
      if (outcome.kind === 'error') {
        o.log?.(`entryPoint ${o.name}: PROXY protocol header from ${socket.remoteAddress ?? '?'} refused: ${outcome.message} (${outcome.code})`);
        return void socket.destroy();
      }
      if (outcome.kind === 'header' && outcome.source !== undefined) setClientAddress(socket, outcome.source);
      // no header (or none in time): the connection goes on as it came; its own read timeouts apply
      pass(socket);
    });
  });
}

/**
 * Reads until `readProxyHeader` decides; the header's bytes are dropped, every byte after it is
 * put back (`unshift`) and the socket is left paused for whoever takes it next.
 */
function readHeader(socket: Socket, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    let buffer: Buffer = Buffer.alloc(0);
    let done = false;
    const finish = (outcome: Outcome): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('end', onClosed);
      socket.off('close', onClosed);
      socket.off('error', onClosed);
      socket.pause();
      const keep = outcome.kind === 'header' ? buffer.subarray(outcome.length) : outcome.kind === 'error' ? Buffer.alloc(0) : buffer;
      if (keep.length > 0 && !socket.destroyed) socket.unshift(keep);
      resolve(outcome);
    };
    const onData = (chunk: Buffer): void => {
      // bounded: the reader decides within MAX_PROXY_HEADER_BYTES (larger is its TOO_LARGE error)
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      const result = readProxyHeader(buffer);
      if (result.kind !== 'needMore') finish(result);
      // cannot happen (the reader decides within its bound); a guard all the same
      else if (buffer.length > MAX_PROXY_HEADER_BYTES) finish({ kind: 'error', code: PROXY_HEADER_TOO_LARGE, message: 'PROXY header: too many bytes' });
    };
    const onClosed = (): void => finish({ kind: 'closed' });
    const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    socket.on('data', onData);
    socket.once('end', onClosed);
    socket.once('close', onClosed);
    socket.once('error', onClosed);
  });
}
