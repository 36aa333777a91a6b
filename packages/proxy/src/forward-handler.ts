import type { HttpExchange, HttpResponse } from '@wharf/config';
import { responseHeaders } from './response-headers.js';
import { UpstreamBody } from './upstream-body.js';
import { upstreamFailure } from './upstream-failure.js';

type Abort = (err?: Error) => void;

/**
 * undici's low-level dispatch handler (the legacy callback shape, which undici runs without a
 * wrapper): one object per attempt, no per-chunk closures. Resolves with the response as soon
 * as headers arrive; the body streams through an UpstreamBody.
 */
export class ForwardHandler {
  abort: Abort | null = null;
  body: UpstreamBody | null = null;
  settled = false;

  constructor(
    readonly ex: HttpExchange,
    private readonly resolve: (res: HttpResponse) => void,
  ) {}

  onConnect(abort: Abort): void {
    this.abort = abort;
    this.ex.requestSent = true;
  }

  onHeaders(status: number, raw: Buffer[], resume: () => void): boolean {
    if (status < 200) return true;
    const body = new UpstreamBody();
    body.resume_ = resume;
    body.abort_ = this.abort;
    this.body = body;
    this.settled = true;
    this.resolve({ status, headers: responseHeaders(raw), body });
    return true;
  }

  onData(chunk: Buffer): boolean {
    const body = this.body;
    return body === null ? true : body.push(chunk);
  }

  onComplete(): void {
    const body = this.body;
    if (body !== null) {
      body.complete = true;
      body.push(null);
    }
  }

  onError(err: Error): void {
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
    const abort = this.abort;
    if (abort !== null && (this.body === null || !this.body.complete)) abort();
  }
}
