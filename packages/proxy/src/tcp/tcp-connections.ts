import type { Socket } from 'node:net';
import type { GenerationSource } from '@wharf/runtime';
import { handleTcpConnection, type TcpHandlingOptions } from './handle-tcp-connection.js';

export interface TcpConnectionsOptions extends Omit<TcpHandlingOptions, 'toHttp' | 'peekTimeoutMs'> {
  /** entrypoint name */
  name: string;
  generations: GenerationSource;
  /** default 60 s (Traefik's readTimeout default) */
  peekTimeoutMs?: number;
}

/** The TCP side of an entrypoint: takes fresh sockets, keeps count, cuts them on close. */
export interface TcpConnections {
  /**
   * A fresh socket (not a byte read). The entrypoint has no TCP routes in the current generation
   * → `toHttp` at once; else TCP routing, and `toHttp` gets what no TCP route takes.
   */
  accept(socket: Socket, toHttp?: (socket: Socket) => void): void;
  /** TCP connections open now */
  open(): number;
  /** destroys every TCP connection (after the listener stopped accepting) */
  close(): void;
}

export function createTcpConnections(o: TcpConnectionsOptions): TcpConnections {
  const sockets = new Set<Socket>();
  const handling: TcpHandlingOptions = { ...o, peekTimeoutMs: o.peekTimeoutMs ?? 60_000 };
  return {
    accept(socket, toHttp) {
      const routes = o.generations.current().tcp?.(o.name);
      if (!routes) {
        if (toHttp) toHttp(socket);
        else socket.destroy();
        return;
      }
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      const options = toHttp ? { ...handling, toHttp: (s: Socket) => (sockets.delete(s), toHttp(s)) } : handling;
      handleTcpConnection(socket, routes, options).catch((err: unknown) => {
        o.log?.(`entryPoint ${o.name}: tcp connection failed`, err);
        socket.destroy();
      });
    },
    open: () => sockets.size,
    close() {
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
  };
}
