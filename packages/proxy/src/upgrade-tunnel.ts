import type { Socket } from 'node:net';
import type { HttpExchange, HttpResponse } from '@wharf/config';
import type { ServerTarget } from './server-target.js';
import { upstreamFailure } from './upstream-failure.js';
import { dialUpstream } from './upstream-socket.js';

const MAX_HEAD = 64 * 1024;

function requestHead(ex: HttpExchange, path: string, headers: string[]): string {
  let head = `${ex.method} ${path} HTTP/1.1\r\n`;
  for (let i = 0; i < headers.length; i += 2) head += `${headers[i]}: ${headers[i + 1]}\r\n`;
  const upgrade = ex.req.headers.upgrade ?? 'websocket';
  return `${head}connection: Upgrade\r\nupgrade: ${upgrade}\r\n\r\n`;
}

function statusOf(head: Buffer): number {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(head.toString('latin1', 0, 16));
  return m === null ? 502 : Number(m[1]);
}

/** Joins the client socket and the server socket once the server answered its head. */
function tunnel(client: Socket, server: Socket, head: Buffer): void {
  client.write(head);
  server.pipe(client);
  client.pipe(server);
  const end = (): void => {
    client.destroy();
    server.destroy();
  };
  client.on('error', end).on('close', end);
  server.on('error', end).on('close', end);
}

/**
 * Forwards an Upgrade request (WebSocket) over a raw socket: writes the request head, waits for
 * the server's response head, relays it and then pipes bytes both ways until either side closes.
 * Answers `{ status, upgraded: true }` once tunnelled, or a 502/504 when the server is unreachable.
 */
export function forwardUpgrade(
  ex: HttpExchange, t: ServerTarget, path: string, headers: string[], connectTimeoutMs: number, rejectUnauthorized = true,
): Promise<HttpResponse> {
  return new Promise((resolve) => {
    const { socket: server, ready } = dialUpstream({ host: t.hostname, port: t.port, tls: t.tls, rejectUnauthorized });
    let received: Buffer = Buffer.alloc(0);
    let done = false;
    const fail = (err: unknown): void => {
      if (done) return;
      done = true;
      server.destroy();
      resolve(upstreamFailure(err, ex.requestSent));
    };
    server.setTimeout(connectTimeoutMs, () => fail(Object.assign(new Error('upgrade timeout'), { code: 'ETIMEDOUT' })));
    server.once('error', fail);
    server.once('close', () => fail(Object.assign(new Error('closed before response'), { code: 'ECONNRESET' })));
    server.once(ready, () => {
      ex.requestSent = true;
      server.write(requestHead(ex, path, headers));
    });
    const onData = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]);
      if (received.indexOf('\r\n\r\n') < 0) {
        if (received.length > MAX_HEAD) fail(Object.assign(new Error('response head too large'), { code: 'ERESPONSE' }));
        return;
      }
      done = true;
      server.off('data', onData);
      server.removeAllListeners('error').removeAllListeners('close');
      server.setTimeout(0);
      tunnel(ex.req.socket, server, received);
      resolve({ status: statusOf(received), headers: {}, body: null, upgraded: true });
    };
    server.on('data', onData);
  });
}
