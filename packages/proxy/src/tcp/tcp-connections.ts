import { once } from 'node:events';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GenerationSource } from '@wharf/runtime';
import { handleTcpConnection, type TcpHandlingOptions } from './handle-tcp-connection.js';

export interface TcpConnectionsOptions extends Omit<TcpHandlingOptions, 'toHttp' | 'peekTimeoutMs' | 'peekSlots' | 'entryPoint'> {
  /** connections reading their first bytes at once, at most (default 1024); the excess is closed */
  maxPeeking?: number;
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
  /**
   * Traefik's lifeCycle for TCP: connections keep flowing during `acceptGraceMs` (the listener
   * still accepts), then open ones get `graceMs` to finish on their own before they are cut.
   * Resolves once every TCP connection is gone. No arguments: cut at once.
   */
  close(grace?: { acceptGraceMs?: number; graceMs?: number }): Promise<void>;
}

export function createTcpConnections(o: TcpConnectionsOptions): TcpConnections {
  const sockets = new Set<Socket>();
  let peeking = 0;
  const maxPeeking = o.maxPeeking ?? 1024;
  const peekSlots = {
    take: () => (peeking < maxPeeking ? (peeking += 1, true) : false),
    give: () => void (peeking -= 1),
  };
  const handling: TcpHandlingOptions = { ...o, entryPoint: o.name, peekTimeoutMs: o.peekTimeoutMs ?? 60_000, peekSlots };
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
    async close(grace = {}) {
      if ((grace.acceptGraceMs ?? 0) > 0) await sleep(grace.acceptGraceMs);
      const gone = [...sockets].map((s) => (s.destroyed ? undefined : once(s, 'close').catch(() => undefined)));
      const cut = setTimeout(() => {
        for (const s of sockets) s.destroy();
      }, grace.graceMs ?? 0);
      await Promise.all(gone);
      clearTimeout(cut);
      sockets.clear();
    },
  };
}
