import type { OutgoingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';

/** Receives one request's outcome (the shape of undici's dispatch handler, parsed headers). */
export interface ResponseHandler {
  /** the request is about to be written on a connected socket; `abort` cancels it */
  onConnect(abort: () => void): void;
  /** the final response head; `resume` restarts a paused body */
  onResponse(status: number, headers: OutgoingHttpHeaders, resume: () => void): void;
  /** false = pause the connection until `resume` */
  onData(chunk: Buffer): boolean;
  onComplete(): void;
  onError(err: Error): void;
  /**
   * optional: the request goes again on a fresh connection because its reused socket closed
   * before any response byte (a stale keep-alive socket): what was written there counts as
   * never delivered; `onConnect` follows once the new socket is up
   */
  onReplay?(): void;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

/** One request to an origin, with the state a transparent retry needs. */
export class ClientRequest {
  /** already retried once on a fresh connection (stale keep-alive socket) */
  retried = false;
  /** body bytes handed to a socket */
  bodyBytes = 0;

  constructor(
    readonly method: string,
    readonly head: string,
    readonly chunked: boolean,
    readonly body: Buffer | Readable | null,
    readonly handler: ResponseHandler,
  ) {}

  /** may be sent again after the server closed a reused socket before answering */
  get replayable(): boolean {
    if (this.retried) return false;
    if (this.bodyBytes === 0) return true;
    return IDEMPOTENT.has(this.method) && Buffer.isBuffer(this.body);
  }
}
