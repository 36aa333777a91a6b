import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import { handleRequest, type WhoamiState } from './handlers.js';
import { interfaceAddresses } from './report.js';

export interface WhoamiOptions {
  /** 0 (default) = any free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** shown in the `Name:` line and the `X-Whoami-Name` header; default `whoami` */
  name?: string;
}

export interface WhoamiServer {
  /** `http://host:port` */
  readonly url: string;
  readonly port: number;
  readonly name: string;
  /** stops listening, ends open connections and websockets */
  close(): Promise<void>;
  /** what `GET /health` answers: true → 200, false → 500 (like `POST /health`) */
  setHealthy(healthy: boolean): void;
}

function attachWebSocketEcho(server: Server, sockets: Set<Socket>): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket: Socket, head) => {
    sockets.add(socket);
    if ((req.url ?? '').split('?')[0] !== '/ws') {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
    });
  });
  return wss;
}

/** Starts a traefik/whoami-compatible test backend on loopback (by default on a free port). */
export function startWhoami(options: WhoamiOptions = {}): Promise<WhoamiServer> {
  const host = options.host ?? '127.0.0.1';
  const state: WhoamiState = { name: options.name ?? 'whoami', ips: interfaceAddresses(), healthStatus: 200 };
  const sockets = new Set<Socket>();
  const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    handleRequest(req, res, state).catch((err: unknown) => {
      console.error(`whoami ${state.name}: ${String(err)}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const wss = attachWebSocketEcho(server, sockets);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      const addr = server.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      const urlHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${urlHost}:${port}`,
        port,
        name: state.name,
        setHealthy: (healthy) => {
          state.healthStatus = healthy ? 200 : 500;
        },
        close: () =>
          new Promise<void>((done) => {
            for (const c of wss.clients) c.terminate();
            wss.close();
            server.close(() => done());
            for (const s of sockets) s.destroy();
          }),
      });
    });
  });
}
