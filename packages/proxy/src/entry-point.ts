import { createServer, ServerResponse, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { RequestObserver } from '@wharf/config';
import type { GenerationSource } from '@wharf/runtime';
import { createTrustCheck, type ForwardedHeadersOptions } from './forwarded-headers.js';
import { listenServer } from './listen.js';
import { createRequestHandler } from './request-handler.js';

export interface EntryPointTimeouts {
  /** idle keep-alive client connections close after this; default 180 000 ms (Traefik idleTimeout) */
  idleMs?: number;
  /** whole request head must arrive within this; default 60 000 ms */
  headersMs?: number;
  /** whole request (incl. body); default 0 = none, so large uploads are never cut */
  requestMs?: number;
}

export interface EntryPointOptions {
  name: string;
  /** default: all interfaces */
  host?: string;
  port: number;
  generations: GenerationSource;
  observers?: RequestObserver[];
  forwardedHeaders?: ForwardedHeadersOptions;
  timeouts?: EntryPointTimeouts;
  /** where request-path failures are logged; default console.error */
  log?: (message: string, err?: unknown) => void;
}

export interface EntryPoint {
  readonly name: string;
  listen(): Promise<void>;
  /** stops accepting, lets in-flight requests finish for up to graceMs, then cuts the rest */
  close(graceMs: number): Promise<void>;
  /** bound address once listening (`port` is the real one when 0 was asked) */
  readonly address: { host: string; port: number } | undefined;
  /** client connections open now (`traefik_open_connections`) */
  openConnections(): number;
}

/** An upgrade request gets a ServerResponse on its raw socket, so refusals (404, 401…) are plain HTTP. */
function upgradeResponse(req: IncomingMessage, socket: Socket, head: Buffer): ServerResponse {
  if (head.length > 0) socket.unshift(head);
  const res = new ServerResponse(req);
  res.assignSocket(socket);
  res.shouldKeepAlive = false;
  res.once('finish', () => {
    res.detachSocket(socket);
    socket.end();
  });
  return res;
}

/** One node:http server per entrypoint; every request goes through the current generation. */
export function createEntryPoint(options: EntryPointOptions): EntryPoint {
  const log = options.log ?? ((message: string, err?: unknown) => console.error(message, err ?? ''));
  const closing = { value: false };
  const handle = createRequestHandler({
    closing,
    name: options.name,
    generations: options.generations,
    observers: options.observers ?? [],
    trusted: createTrustCheck(options.forwardedHeaders),
    log,
  });
  const t = options.timeouts ?? {};
  const server = createServer({ keepAliveTimeout: t.idleMs ?? 180_000, headersTimeout: t.headersMs ?? 60_000, requestTimeout: t.requestMs ?? 0 });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => handle(req, res, false));
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', (err) => log(`entryPoint ${options.name}: upgrade socket error`, err));
    handle(req, upgradeResponse(req, socket, head), true);
  });
  let open = 0;
  server.on('connection', (socket: Socket) => {
    open += 1;
    socket.once('close', () => (open -= 1));
  });
  let address: EntryPoint['address'];
  return {
    name: options.name,
    openConnections: () => open,
    get address() {
      return address;
    },
    async listen() {
      address = await listenServer(server, options.name, options.host, options.port);
    },
    close(graceMs) {
      return new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        closing.value = true;
        const timer = setTimeout(() => server.closeAllConnections(), Math.max(0, graceMs));
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}
