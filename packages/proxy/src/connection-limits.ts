import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Per-connection limits of an entrypoint (Traefik `transport.*`); 0 = none. */
export interface ConnectionLimits {
  /** `transport.keepAliveMaxRequests`: the Nth response on a connection closes it */
  maxRequests: number;
  /** `transport.keepAliveMaxTime`: the first response after this age closes the connection */
  maxAgeMs: number;
  /** `respondingTimeouts.writeTimeout`: a response not written this long after its request head cuts the connection */
  writeTimeoutMs: number;
}

const kCount = Symbol('wharf.requestCount');
const kOpenedAt = Symbol('wharf.openedAt');
type CountedSocket = Socket & { [kCount]?: number; [kOpenedAt]?: number };

export interface ConnectionLimiter {
  onConnection(socket: Socket): void;
  onRequest(req: IncomingMessage, res: ServerResponse): void;
}

function onFinishedOrClosed(this: ServerResponse & { wharfWriteTimer?: NodeJS.Timeout }): void {
  if (this.wharfWriteTimer !== undefined) clearTimeout(this.wharfWriteTimer);
}

/**
 * The limits as two hooks, or undefined when none is set (the default: nothing runs per request).
 * Like Traefik's keep-alive middleware, a limit ends keep-alive with `Connection: close` on the
 * response; it never cuts a request in progress. A write timeout destroys the connection (Go's
 * `http.Server.WriteTimeout`).
 */
export function createConnectionLimiter(limits: ConnectionLimits): ConnectionLimiter | undefined {
  const { maxRequests, maxAgeMs, writeTimeoutMs } = limits;
  if (maxRequests <= 0 && maxAgeMs <= 0 && writeTimeoutMs <= 0) return undefined;
  return {
    onConnection(socket) {
      if (maxAgeMs > 0) (socket as CountedSocket)[kOpenedAt] = performance.now();
    },
    onRequest(req, res) {
      const socket = req.socket as CountedSocket;
      if (maxRequests > 0) {
        const count = (socket[kCount] ?? 0) + 1;
        socket[kCount] = count;
        if (count >= maxRequests) res.shouldKeepAlive = false;
      }
      if (maxAgeMs > 0 && performance.now() - (socket[kOpenedAt] ?? 0) >= maxAgeMs) res.shouldKeepAlive = false;
      if (writeTimeoutMs > 0) {
        const timed = res as ServerResponse & { wharfWriteTimer?: NodeJS.Timeout };
        timed.wharfWriteTimer = setTimeout(() => {
          if (!res.writableFinished) res.destroy();
        }, writeTimeoutMs);
        res.once('finish', onFinishedOrClosed).once('close', onFinishedOrClosed);
      }
    },
  };
}
