import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** What an entrypoint shares with its drain: the closing flag its responses read, the tunnelled sockets. */
export interface DrainState {
  /** true once draining: every response then carries `Connection: close` */
  readonly closing: { value: boolean };
  /** client sockets handed to an upgrade (WebSocket tunnels); node:http no longer tracks them */
  readonly upgraded: Set<Socket>;
}

/** how often idle keep-alive sockets are swept while draining (a busy one turns idle after its response) */
const SWEEP_MS = 50;

/**
 * Traefik's graceful stop of one entrypoint (Go's `http.Server.Shutdown` within
 * `lifeCycle.graceTimeOut`): stop listening, close idle keep-alive sockets at once and busy ones
 * after their response, then at the deadline cut what is left, WebSocket tunnels included.
 * Resolves once every connection is gone.
 */
export function drainServer(server: Server, state: DrainState, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    state.closing.value = true;
    if (!server.listening) {
      for (const socket of state.upgraded) socket.destroy();
      server.closeAllConnections();
      return resolve();
    }
    const sweep = setInterval(() => server.closeIdleConnections(), SWEEP_MS);
    const deadline = setTimeout(() => {
      server.closeAllConnections();
      for (const socket of state.upgraded) socket.destroy();
    }, Math.max(0, graceMs));
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve();
    });
    server.closeIdleConnections();
  });
}
