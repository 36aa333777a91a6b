import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';

const CRLF = '\r\n';

/**
 * Streams a request body into the upstream socket with backpressure (the source pauses while
 * the socket buffer is full), chunk-encoded when the request had no Content-Length. Counts the
 * bytes handed to the socket (a stale-socket retry is only safe before the first one).
 */
export class RequestBody {
  done = false;
  private readonly onData = (chunk: Buffer): void => {
    this.counter.bodyBytes += chunk.length;
    const s = this.socket;
    if (this.chunked) {
      s.write(`${chunk.length.toString(16)}${CRLF}`);
      s.write(chunk);
    }
    if (!s.write(this.chunked ? CRLF : chunk)) this.source.pause();
  };
  private readonly onDrain = (): void => {
    this.source.resume();
  };
  private readonly onEnd = (): void => {
    this.done = true;
    if (this.chunked) this.socket.write(`0${CRLF}${CRLF}`);
    this.detach();
  };
  private readonly onError = (err: Error): void => {
    this.detach();
    this.socket.destroy(err);
  };

  constructor(
    private readonly source: Readable,
    private readonly socket: Socket,
    private readonly chunked: boolean,
    private readonly counter: { bodyBytes: number },
  ) {
    source.on('data', this.onData).on('end', this.onEnd).on('error', this.onError);
    socket.on('drain', this.onDrain);
    source.resume();
  }

  /**
   * Stops sending the source (done, answered early, or the connection failed). An unfinished
   * source is paused for a retry (`keep`), else drained and dropped, so the client's
   * connection does not stall on an unread request body.
   */
  detach(keep = false): void {
    if (!this.done) {
      if (keep) this.source.pause();
      else this.source.resume();
    }
    this.source.off('data', this.onData).off('end', this.onEnd).off('error', this.onError);
    this.socket.off('drain', this.onDrain);
  }
}
