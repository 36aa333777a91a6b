import type { OutgoingHttpHeaders } from 'node:http';
import type { HttpExchange, HttpResponse } from '@wharf/config';
import type { ResponseHandler } from './http1-client/client-request.js';
import { UpstreamBody } from './upstream-body.js';
import { upstreamFailure } from './upstream-failure.js';

type Abort = (err?: Error) => void;

/** Bodies announced at most this large are collected and answered as one Buffer (no stream). */
const SMALL_BODY = 16 * 1024;
const EMPTY = Buffer.alloc(0);

/**
 * The http1-client ResponseHandler of one attempt: one object, no per-chunk closures. Small bodies with a Content-Length
 * are answered whole on completion; anything else resolves at the headers and streams through
 * an UpstreamBody with backpressure.
 */
export class ForwardHandler implements ResponseHandler {
  abort: Abort | null = null;
  body: UpstreamBody | null = null;
  settled = false;
  complete = false;
  /** the client left while the request still waited for a connection */
  cancelled = false;
  private status = 0;
  private headers: OutgoingHttpHeaders | null = null;
  private chunks: Buffer | Buffer[] | null = null;

  constructor(
    readonly ex: HttpExchange,
    private readonly resolve: (res: HttpResponse) => void,
  ) {}

  onConnect(abort: Abort): void {
    this.abort = abort;
    if (this.cancelled) {
      abort();
      return;
    }
    this.ex.requestSent = true;
  }

  /** replayed on a fresh connection after a stale one: nothing reached a server yet */
  onReplay(): void {
    this.abort = null;
    this.ex.requestSent = false;
  }

  onResponse(status: number, headers: OutgoingHttpHeaders, resume: () => void): void {
    const length = headers['content-length'];
    if (length !== undefined && Number(length) <= SMALL_BODY) {
      this.status = status;
      this.headers = headers;
      return;
    }
    const body = new UpstreamBody();
    body.resume_ = resume;
    body.abort_ = this.abort;
    this.body = body;
    this.settled = true;
    this.resolve({ status, headers, body });
  }

  onData(chunk: Buffer): boolean {
    const body = this.body;
    if (body !== null) return body.push(chunk);
    const prior = this.chunks;
    if (prior === null) this.chunks = chunk;
    else if (Array.isArray(prior)) prior.push(chunk);
    else this.chunks = [prior, chunk];
    return true;
  }

  onComplete(): void {
    this.complete = true;
    const body = this.body;
    if (body !== null) {
      body.complete = true;
      body.push(null);
      return;
    }
    if (this.settled || this.headers === null) return;
    this.settled = true;
    const c = this.chunks;
    const whole = c === null ? EMPTY : Array.isArray(c) ? Buffer.concat(c) : c;
    this.resolve({ status: this.status, headers: this.headers, body: whole });
  }

  onError(err: Error): void {
    this.complete = true;
    const body = this.body;
    if (body !== null) {
      body.complete = true;
      body.destroy(err);
      return;
    }
    if (this.settled) return;
    this.settled = true;
    this.resolve(upstreamFailure(err, this.ex.requestSent));
  }

  /** the client went away: cancel the upstream request (no-op once complete) */
  cancel(): void {
    if (this.complete) return;
    const abort = this.abort;
    if (abort !== null) abort();
    else this.cancelled = true;
  }
}
