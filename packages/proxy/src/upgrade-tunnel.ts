import type { Socket } from 'node:net';
import type { HttpExchange, HttpResponse } from '@wharf/config';
import type { ServerTarget } from './server-target.js';
import { RefusedUpgrade } from './upgrade-refused.js';
import { upstreamFailure } from './upstream-failure.js';
import { dialUpstream } from './upstream-socket.js';

const MAX_HEAD = 64 * 1024;
const STATUS_LINE = /^HTTP\/1\.[01] (\d{3})(?: [^\r\n]*)?$/;
const CRLFCRLF = Buffer.from('\r\n\r\n');

function requestHead(ex: HttpExchange, path: string, headers: string[]): string {
  let head = `${ex.method} ${path} HTTP/1.1\r\n`;
  for (let i = 0; i < headers.length; i += 2) head += `${headers[i]}: ${headers[i + 1]}\r\n`;
  return `${head}connection: Upgrade\r\nupgrade: ${requestedProtocol(ex)}\r\n\r\n`;
}

function requestedProtocol(ex: HttpExchange): string {
  return ex.req.headers.upgrade ?? 'websocket';
}

function badResponse(detail: string): HttpResponse {
  return upstreamFailure(Object.assign(new Error(`bad upgrade response: ${detail}`), { code: 'HTTP1_BAD_RESPONSE' }), true);
}

interface FinalHead {
  /** offset of the final (non-interim) head in the buffer */
  start: number;
  status: number;
  /** header lines of that head */
  lines: string[];
}

/** The first final head of the bytes received (interim 100/102/103 heads skipped); undefined while incomplete. */
function finalHead(buf: Buffer): FinalHead | undefined | 'bad' {
  for (let start = 0; ; ) {
    const end = buf.indexOf(CRLFCRLF, start);
    if (end < 0) return undefined;
    const lines = buf.toString('latin1', start, end).split('\r\n');
    const m = STATUS_LINE.exec(lines[0] as string);
    if (m === null) return 'bad';
    const status = Number(m[1]);
    if (status >= 200 || status === 101) return { start, status, lines };
    start = end + 4;
  }
}

function headerValue(lines: string[], name: string): string | undefined {
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === name) return line.slice(colon + 1).trim();
  }
  return undefined;
}

/** A 101 must name the protocol that was asked for (Go's ReverseProxy: "backend tried to switch protocol"). */
function switchesTo(lines: string[], protocol: string): boolean {
  const connection = headerValue(lines, 'connection') ?? '';
  const upgrade = headerValue(lines, 'upgrade');
  const listsUpgrade = connection.split(',').some((t) => t.trim().toLowerCase() === 'upgrade');
  return listsUpgrade && upgrade !== undefined && upgrade.toLowerCase() === protocol.toLowerCase();
}

/** Joins the client socket and the server socket once the server switched protocols. */
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

/** Reads the server's answer to an upgrade request and decides: tunnel, refused, or failure. */
class Handshake {
  private received: Buffer = Buffer.alloc(0);
  private done = false;
  private readonly onData = (chunk: Buffer): void => this.read(chunk);

  constructor(
    private readonly ex: HttpExchange,
    private readonly server: Socket,
    private readonly resolve: (res: HttpResponse) => void,
    private readonly timeoutMs: number,
  ) {
    server.setTimeout(timeoutMs, () => this.fail(Object.assign(new Error('upgrade timeout'), { code: 'ETIMEDOUT' })));
    server.once('error', (err) => this.fail(err));
    server.once('close', () => this.fail(Object.assign(new Error('closed before response'), { code: 'ECONNRESET' })));
    server.on('data', this.onData);
  }

  private read(chunk: Buffer): void {
    this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
    const head = finalHead(this.received);
    if (head === undefined) {
      if (this.received.length > MAX_HEAD) this.fail(Object.assign(new Error('response head too large'), { code: 'HTTP1_HEADER_OVERFLOW' }));
    } else if (head === 'bad') this.refuse(badResponse('status line'));
    else this.decide(head);
  }

  private decide(head: FinalHead): void {
    const rest = this.received.subarray(head.start);
    if (head.status !== 101) {
      this.detach();
      new RefusedUpgrade(this.server, this.resolve, this.ex.method === 'HEAD').start(rest, this.timeoutMs);
    } else if (!switchesTo(head.lines, requestedProtocol(this.ex))) this.refuse(badResponse('101 to another protocol'));
    else {
      this.detach();
      this.resolve({ status: 101, headers: {}, body: null, upgraded: true });
      tunnel(this.ex.req.socket, this.server, rest);
    }
  }

  /** the handshake is over: its listeners leave the server socket */
  private detach(): void {
    this.done = true;
    this.server.off('data', this.onData);
    this.server.removeAllListeners('error').removeAllListeners('close').removeAllListeners('timeout');
    this.server.setTimeout(0);
  }

  private refuse(res: HttpResponse): void {
    this.detach();
    this.server.destroy();
    this.resolve(res);
  }

  private fail(err: unknown): void {
    if (!this.done) this.refuse(upstreamFailure(err, this.ex.requestSent));
  }
}

/**
 * Forwards an Upgrade request (WebSocket) over a raw socket: writes the request head and reads
 * the server's answer. Only a `101 Switching Protocols` to the protocol asked for joins the two
 * sockets (`{ status: 101, upgraded: true }`); any other final answer is relayed as a normal
 * response (RefusedUpgrade) and nothing the client sent after its request is forwarded. 502/504
 * when the server is unreachable or answers garbage.
 */
export function forwardUpgrade(
  ex: HttpExchange, t: ServerTarget, path: string, headers: string[], connectTimeoutMs: number, rejectUnauthorized = true,
): Promise<HttpResponse> {
  return new Promise((resolve) => {
    const { socket: server, ready } = dialUpstream({ host: t.hostname, port: t.port, tls: t.tls, rejectUnauthorized });
    new Handshake(ex, server, resolve, connectTimeoutMs);
    server.once(ready, () => {
      ex.requestSent = true;
      server.write(requestHead(ex, path, headers));
    });
  });
}
