import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpExchange } from '@wharf/config';
import { exchangeOf } from './exchange.js';

/** An HttpExchange over a real request received on 127.0.0.1. */
export function exchangeFromRequest(req: IncomingMessage, res: ServerResponse): HttpExchange {
  return exchangeOf(req, res, req.socket.remoteAddress ?? '');
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
