import { Readable } from 'node:stream';

/**
 * The response body of one upstream request, handed to the entrypoint as a plain Readable.
 * Backpressure: the connection pauses its socket when `push` returns false; `_read` resumes it. Destroying the
 * stream early (client went away) aborts the upstream request.
 */
export class UpstreamBody extends Readable {
  resume_: (() => void) | null = null;
  abort_: ((err?: Error) => void) | null = null;
  complete = false;

  constructor() {
    super({ highWaterMark: 64 * 1024 });
  }

  override _read(): void {
    const resume = this.resume_;
    if (resume !== null) resume();
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.complete && this.abort_ !== null) this.abort_();
    callback(err);
  }
}
