import type { IncomingMessage } from 'node:http';
import type { HttpExchange } from '@wharf/config';
import { peekStream } from './stream-peek.js';

export type BufferOutcome = 'buffered' | 'too-large';

/**
 * Buffers the client's request body into `ex.body` when it fits in `limit` bytes, so it can be
 * replayed (retry, buffering, forwardAuth). A declared length over the limit is not read at all;
 * an unknown length that overflows while reading is pushed back (`unshift`) so the forwarder
 * still streams the whole body from `ex.req`.
 */
export async function bufferRequestBody(ex: HttpExchange, limit: number): Promise<BufferOutcome> {
  if (ex.body !== undefined) return ex.body.length <= limit ? 'buffered' : 'too-large';
  const declared = Number(ex.req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return 'too-large';
  const result = await readUpTo(ex.req, limit);
  if (result === undefined) return 'too-large';
  ex.body = result;
  return 'buffered';
}

/** The whole body when it is at most `limit` bytes, else undefined with the bytes pushed back. */
function readUpTo(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  return peekStream(req, limit + 1);
}
