import type { Socket } from 'node:net';
import type { HttpResponse } from '@wharf/config';
import { ResponseParser, type ParserSink } from './http1-client/response-parser.js';
import { UpstreamBody } from './upstream-body.js';
import { upstreamFailure } from './upstream-failure.js';

function socketError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

function closedEarly(): Error {
  return socketError('closed before the response ended', 'ECONNRESET');
}

/**
 * The server refused an upgrade (a final status other than 101): its answer is an ordinary HTTP
 * response, parsed by the forwarder's ResponseParser (framing, hop-by-hop headers) and relayed
 * as a normal response. The server socket is closed after it and never joined to the client, so
 * bytes the client sent after its request can never reach a server unrouted.
 */
export class RefusedUpgrade implements ParserSink {
  private readonly parser = new ResponseParser(this);
  private body: UpstreamBody | null = null;
  private ended = false;

  constructor(
    private readonly server: Socket,
    private readonly resolve: (res: HttpResponse) => void,
    isHead: boolean,
  ) {
    this.parser.reset(isHead);
  }

  /** takes over the server socket; `bytes` = the response received so far, from its head on */
  start(bytes: Buffer, idleTimeoutMs: number): void {
    const s = this.server;
    s.on('data', (chunk: Buffer) => this.feed(chunk));
    s.on('end', () => this.onServerEnd());
    s.on('error', (err) => this.fail(err));
    s.on('close', () => this.fail(closedEarly()));
    s.setTimeout(idleTimeoutMs, () => this.fail(socketError('idle timeout', 'ECONNRESET')));
    this.feed(bytes);
  }

  onHead(status: number, headers: HttpResponse['headers']): void {
    const body = new UpstreamBody();
    body.resume_ = () => this.server.resume();
    body.abort_ = () => this.server.destroy();
    this.body = body;
    this.resolve({ status, headers, body });
  }

  onBody(chunk: Buffer): void {
    if (this.body !== null && !this.body.push(chunk)) this.server.pause();
  }

  onEnd(): void {
    this.ended = true;
    const body = this.body;
    if (body !== null) {
      body.complete = true;
      body.push(null);
    }
    this.server.destroy();
  }

  private feed(chunk: Buffer): void {
    if (this.ended) return;
    try {
      this.parser.execute(chunk);
    } catch (err) {
      this.fail(err as Error);
    }
  }

  private onServerEnd(): void {
    if (this.ended) return;
    if (!this.parser.untilClose) return this.fail(closedEarly());
    try {
      this.parser.finish();
    } catch (err) {
      this.fail(err as Error);
    }
  }

  private fail(err: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.server.destroy();
    const body = this.body;
    if (body === null) this.resolve(upstreamFailure(err, true));
    else {
      body.complete = true;
      body.destroy(err);
    }
  }
}
