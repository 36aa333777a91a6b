import { Readable } from 'node:stream';
import type { HttpResponse } from '@wharf/config';

/**
 * Calls `done` once when the response is over: at once for fixed bodies, when a streamed body
 * ends, errors or closes otherwise (the end of the response, not its headers).
 */
export function onResponseDone(res: HttpResponse, done: () => void): void {
  const body = res.body;
  if (!(body instanceof Readable) || body.destroyed || body.readableEnded) {
    done();
    return;
  }
  let called = false;
  const once = (): void => {
    if (called) return;
    called = true;
    body.off('end', once);
    body.off('close', once);
    body.off('error', once);
    done();
  };
  body.once('end', once);
  body.once('close', once);
  body.once('error', once);
}
