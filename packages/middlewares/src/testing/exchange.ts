import { IncomingMessage, ServerResponse } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { Socket } from 'node:net';
import { Readable } from 'node:stream';
import type { HttpExchange, HttpResponse, HttpStep, Next } from '@wharf/config';

export interface FakeExchangeInit {
  method?: string;
  host?: string;
  /** path with optional `?query` */
  url?: string;
  headers?: IncomingHttpHeaders;
  body?: string | Buffer;
  clientIP?: string;
  isUpgrade?: boolean;
}

/** A minimal HttpExchange over a real `IncomingMessage` whose body is the given bytes. */
export function fakeExchange(init: FakeExchangeInit = {}): HttpExchange {
  const req = new IncomingMessage(new Socket());
  req.method = init.method ?? 'GET';
  req.url = init.url ?? '/';
  req.headers = { host: init.host ?? 'example.com', ...init.headers };
  if (init.body !== undefined) req.push(Buffer.from(init.body));
  req.push(null);
  return exchangeOf(req, new ServerResponse(req), init.clientIP ?? '10.0.0.1', init.isUpgrade);
}

/**
 * The HttpExchange the proxy builds for `req` (entry point `web`): host lower-cased without its
 * port, path and query split, headers copied. Shared by fakeExchange and the loopback helpers.
 */
export function exchangeOf(req: IncomingMessage, res: ServerResponse, clientIP: string, isUpgrade = false): HttpExchange {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return {
    req,
    res,
    entryPoint: 'web',
    clientIP,
    startedAt: performance.now(),
    method: req.method ?? 'GET',
    host: (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, ''),
    path: q < 0 ? url : url.slice(0, q),
    query: q < 0 ? '' : url.slice(q + 1),
    headers: { ...req.headers },
    triedServers: new Set(),
    attempts: 0,
    requestSent: false,
    isUpgrade,
    locals: new Map(),
  };
}

/** A `next` that records the exchange it saw and answers `reply` (or 200 `ok`). */
export function recordingNext(reply?: Partial<HttpResponse> | ((ex: HttpExchange) => HttpResponse)) {
  const seen: Array<{ path: string; query: string; headers: IncomingHttpHeaders; method: string }> = [];
  const make = (ex: HttpExchange): Next => async () => {
    seen.push({ path: ex.path, query: ex.query, headers: { ...ex.headers }, method: ex.method });
    if (typeof reply === 'function') return reply(ex);
    return { status: 200, headers: { 'content-type': 'text/plain' }, body: 'ok', ...reply };
  };
  return { seen, make };
}

/** Runs `step` on a fake exchange for `url` and returns what it passed on to `next`. */
export async function forwardedBy(step: HttpStep, url: string) {
  const ex = fakeExchange({ url });
  const rec = recordingNext();
  await step(ex, rec.make(ex));
  const seen = rec.seen[0];
  if (seen === undefined) throw new Error(`the step answered ${url} itself instead of calling next`);
  return seen;
}

/** Runs `step` on a fake exchange (host `example.com` unless given); tells whether it called `next`. */
export async function answeredBy(step: HttpStep, init: { url: string; method?: string; headers?: IncomingHttpHeaders; host?: string }) {
  const ex = fakeExchange({ ...init, host: init.host ?? 'example.com' });
  if (init.host) ex.headers.host = init.host;
  const rec = recordingNext();
  const res = await step(ex, rec.make(ex));
  return { res, forwarded: rec.seen.length === 1 };
}

/** Reads any HttpResponse body into a Buffer. */
export async function bodyOf(res: HttpResponse): Promise<Buffer> {
  const body = res.body;
  if (body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body);
  if (Buffer.isBuffer(body)) return body;
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

export function streamOf(data: string | Buffer, chunkSize = 512): Readable {
  const buf = Buffer.from(data);
  const chunks: Buffer[] = [];
  for (let i = 0; i < buf.length; i += chunkSize) chunks.push(buf.subarray(i, i + chunkSize));
  return Readable.from(chunks);
}
