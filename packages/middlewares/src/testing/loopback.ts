import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpExchange } from '@wharf/config';

/** An HttpExchange over a real request received on 127.0.0.1. */
export function exchangeFromRequest(req: IncomingMessage, res: ServerResponse): HttpExchange {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return {
    req,
    res,
    entryPoint: 'web',
    clientIP: req.socket.remoteAddress ?? '',
    startedAt: performance.now(),
    method: req.method ?? 'GET',
    host: (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, ''),
    path: q < 0 ? url : url.slice(0, q),
    query: q < 0 ? '' : url.slice(q + 1),
    headers: { ...req.headers },
    triedServers: new Set(),
    attempts: 0,
    requestSent: false,
    isUpgrade: false,
    locals: new Map(),
  };
}

/**
 * Starts a loopback server whose requests are handed to `handle` as exchanges; `handle`'s
 * string result is sent back as the response body. Call `close()` when done.
 */
export async function loopbackServer(handle: (ex: HttpExchange) => Promise<string>) {
  const server = http.createServer((req, res) => {
    handle(exchangeFromRequest(req, res)).then(
      (text) => res.end(text),
      (err: Error) => {
        res.statusCode = 500;
        res.end(err.message);
      },
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
