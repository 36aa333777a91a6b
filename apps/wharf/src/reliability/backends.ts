import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** One request as it reached a backend. */
interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** header lines received (node keeps them all: maxHeadersCount 0) */
  headerCount: number;
  upgrade: boolean;
}

/**
 * How a backend answers: `ok` 200 to everything (an Upgrade included, as an app without
 * WebSocket support does), `notFound` 404 to everything, `websocket` a real 101 handshake then
 * echo, `slow` 200 after `delayMs`.
 */
export type BackendMode = 'ok' | 'notFound' | 'websocket' | 'slow';

export interface RecordingBackend {
  name: string;
  url: string;
  port: number;
  seen: Recorded[];
  /** requests whose response has not finished */
  inFlight(): number;
  /** stops at once, every connection cut (a crashed process) */
  kill(): Promise<void>;
}

function record(seen: Recorded[], req: IncomingMessage, upgrade: boolean): void {
  seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, headerCount: req.rawHeaders.length / 2, upgrade });
}

/**
 * A backend without WebSocket support answers an Upgrade request like any other and keeps the
 * connection for more requests (the socket goes back to node's HTTP parser): exactly the backend
 * through which a proxy that tunnels on any answer lets a second request through unrouted.
 */
function answerUpgrade(mode: BackendMode, name: string, server: Server, req: IncomingMessage, socket: Socket, head: Buffer): void {
  socket.on('error', () => {});
  if (mode === 'websocket') {
    const accept = createHash('sha1').update(`${req.headers['sec-websocket-key'] ?? ''}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    socket.pipe(socket);
    return;
  }
  const status = mode === 'notFound' ? '404 Not Found' : '200 OK';
  const body = `${name}: no upgrade here`;
  socket.write(`HTTP/1.1 ${status}\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
  if (head.length > 0) socket.unshift(head);
  server.emit('connection', socket);
}

/** A backend on loopback that records every request reaching it. */
export async function startRecordingBackend(name: string, mode: BackendMode = 'ok', delayMs = 0): Promise<RecordingBackend> {
  const seen: Recorded[] = [];
  let inFlight = 0;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    record(seen, req, false);
    inFlight += 1;
    res.on('close', () => (inFlight -= 1));
    req.resume();
    req.on('end', () => {
      const body = JSON.stringify({ name, url: req.url });
      const send = (): void => {
        res.writeHead(mode === 'notFound' ? 404 : 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-backend': name });
        res.end(body);
      };
      if (mode === 'slow' && delayMs > 0) setTimeout(send, delayMs);
      else send();
    });
  });
  server.maxHeadersCount = 0;
  const tunnels = new Set<Socket>();
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    record(seen, req, true);
    tunnels.add(socket);
    socket.once('close', () => tunnels.delete(socket));
    answerUpgrade(mode, name, server, req, socket, head);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    inFlight: () => inFlight,
    kill: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of tunnels) socket.destroy();
      }),
  };
}
