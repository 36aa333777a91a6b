import type { IncomingMessage } from 'node:http';
import type { HttpExchange } from '@wharf/config';

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

function readUpTo(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size <= limit) return;
      req.pause();
      cleanup();
      req.unshift(Buffer.concat(chunks));
      resolve(undefined);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}
