import type { OutgoingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import type { ClientRequest } from './client-request.js';
import { RequestBody } from './request-body.js';
import { ResponseParser, type ParserSink } from './response-parser.js';
import { Http1ClientErrors } from '../errors.js';
import { dialUpstream } from '../upstream-socket.js';

/** What a connection needs from its pool. */
export interface ConnectionOwner {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  readonly rejectUnauthorized: boolean;
  readonly connectTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly idleTimeoutMs: number;
  /** the response completed and the socket can carry another request */
  release(conn: Connection): void;
  /** the socket is gone */
  remove(conn: Connection): void;
  /** retry `req` once on a fresh connection (stale keep-alive socket) */
  retry(req: ClientRequest): void;
}

function onHeadersTimeout(this: Connection): void {
  this.fail(Http1ClientErrors.headersTimeout());
}

/**
 * One keep-alive socket to an origin, carrying one request at a time (never pipelined). It is
 * reused only after a complete response with the request body fully written; anything else
 * (abort, error, early answer, `Connection: close`, extra bytes) destroys it.
 */
export class Connection implements ParserSink {
  readonly socket: Socket;
  private readonly parser = new ResponseParser(this);
  private req: ClientRequest | null = null;
  private body: RequestBody | null = null;
  private connected = false;
  private closed = false;
  /** a response completed on this socket: a later close before any byte means stale */
  private reused = false;
  private timer: NodeJS.Timeout | null = null;
  readonly abort = (): void => this.fail(Http1ClientErrors.aborted());
  private readonly resume = (): void => {
    this.socket.resume();
  };

  constructor(private readonly owner: ConnectionOwner) {
    const { socket, ready } = dialUpstream(owner);
    this.socket = socket;
    socket.setNoDelay(true);
    socket.setTimeout(owner.connectTimeoutMs);
    socket.on(ready, () => {
      this.connected = true;
      socket.setTimeout(owner.idleTimeoutMs);
      if (this.req !== null) this.send(this.req);
    });
    socket.on('data', (chunk: Buffer) => this.onSocketData(chunk));
    socket.on('end', () => this.onSocketEnd());
    socket.on('error', (err) => this.fail(err));
    socket.on('close', () => this.fail(Http1ClientErrors.socket('other side closed')));
    socket.on('timeout', () => this.onTimeout());
  }

  get busy(): boolean {
    return this.req !== null;
  }

  /** carries `req` now (or as soon as the socket connects) */
  run(req: ClientRequest): void {
    this.req = req;
    if (this.connected) this.send(req);
  }

  private send(req: ClientRequest): void {
    req.handler.onConnect(this.abort);
    if (this.req !== req) return; // aborted from onConnect
    this.parser.reset(req.method === 'HEAD');
    const socket = this.socket;
    const body = req.body;
    if (body === null) socket.write(req.head, 'latin1');
    else if (Buffer.isBuffer(body)) {
      socket.cork();
      socket.write(req.head, 'latin1');
      socket.write(body);
      socket.uncork();
      req.bodyBytes = body.length;
    } else {
      socket.write(req.head, 'latin1');
      this.body = new RequestBody(body as Readable, socket, req.chunked, req);
    }
    const ms = this.owner.headersTimeoutMs;
    if (ms > 0) this.timer = setTimeout(onHeadersTimeout.bind(this), ms);
  }

  private onSocketData(chunk: Buffer): void {
    if (this.req === null) {
      this.fail(Http1ClientErrors.socket('unsolicited response bytes'));
      return;
    }
    try {
      this.parser.execute(chunk);
    } catch (err) {
      this.fail(err as Error);
    }
  }

  private onSocketEnd(): void {
    if (this.req !== null && this.parser.untilClose) {
      try {
        this.parser.finish();
      } catch (err) {
        this.fail(err as Error);
      }
    }
    this.fail(Http1ClientErrors.socket('other side closed'));
  }

  private onTimeout(): void {
    if (!this.connected) this.fail(Http1ClientErrors.connectTimeout());
    else if (this.req === null) this.fail(Http1ClientErrors.socket('idle timeout'));
  }

  onHead(status: number, headers: OutgoingHttpHeaders): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    (this.req as ClientRequest).handler.onResponse(status, headers, this.resume);
  }

  onBody(chunk: Buffer): void {
    if (!(this.req as ClientRequest).handler.onData(chunk)) this.socket.pause();
  }

  onEnd(keepAlive: boolean): void {
    const req = this.req as ClientRequest;
    const body = this.body;
    const bodyDone = body === null || body.done;
    this.req = null;
    this.body = null;
    body?.detach();
    this.reused = true;
    req.handler.onComplete();
    if (keepAlive && bodyDone && !this.closed) {
      this.socket.resume();
      this.owner.release(this);
    } else this.fail(Http1ClientErrors.socket('connection not reusable'));
  }

  /** destroys the socket; the current request (if any) is retried once or fails with `err` */
  fail(err: Error): void {
    const req = this.req;
    this.req = null;
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const body = this.body;
    this.body = null;
    if (!this.closed) {
      this.closed = true;
      this.socket.destroy();
      this.owner.remove(this);
    }
    if (req === null) return;
    const code = (err as { code?: string }).code;
    const gaveUp = code === Http1ClientErrors.aborted.code || code === Http1ClientErrors.headersTimeout.code;
    const stale = this.reused && !this.parser.started && !gaveUp;
    const retry = stale && req.replayable;
    body?.detach(retry);
    if (retry) {
      req.retried = true;
      req.handler.onReplay?.();
      this.owner.retry(req);
    } else req.handler.onError(err);
  }
}
