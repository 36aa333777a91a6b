import type { Readable } from 'node:stream';

/**
 * Reads ahead until `min` bytes are seen: resolves the whole body when it ends first, else
 * undefined with the bytes pushed back (`unshift`), so the stream can still be consumed whole.
 */
export function peekStream(body: Readable, min: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => body.off('data', onData).off('end', onEnd).off('error', onError);
    const onData = (c: Buffer | string) => {
      const buf = Buffer.from(c);
      chunks.push(buf);
      size += buf.length;
      if (size < min) return;
      body.pause();
      cleanup();
      body.unshift(Buffer.concat(chunks));
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
    body.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/** Reads a stream whole, or stops (destroying it) past `limit` bytes and resolves undefined. */
export function readStreamUpTo(body: Readable, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (c: Buffer | string) => {
      const buf = Buffer.from(c);
      size += buf.length;
      if (size > limit) {
        body.destroy();
        resolve(undefined);
        return;
      }
      chunks.push(buf);
    });
    body.on('end', () => resolve(Buffer.concat(chunks)));
    body.on('error', reject);
  });
}
