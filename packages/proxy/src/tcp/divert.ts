import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Gets every fresh socket first; `toHttp` runs the server's own connection handling. */
export type ConnectionDivert = (socket: Socket, toHttp: (socket: Socket) => void) => void;

/**
 * The shared-port seam: the HTTP server keeps listening (and draining) as before, but each new
 * socket goes to `divert` before the HTTP parser has read a byte of it.
 */
export function divertConnections(server: Server, divert: ConnectionDivert): void {
  const http = server.listeners('connection') as Array<(socket: Socket) => void>;
  server.removeAllListeners('connection');
  const toHttp = (socket: Socket): void => {
    for (const listener of http) listener.call(server, socket);
  };
  server.on('connection', (socket: Socket) => divert(socket, toHttp));
}
