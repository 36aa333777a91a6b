import { finished, Readable } from 'node:stream';
import type { HttpResponse } from '@wharf/config';

/** Calls `done` once the response is fully sent or abandoned (stream bodies), or right away otherwise. */
export function onResponseDone(res: HttpResponse, done: () => void): void {
  if (res.body instanceof Readable && !res.body.destroyed && !res.body.readableEnded) {
    let called = false;
    const once = () => {
      if (!called) {
        called = true;
        done();
      }
    };
    finished(res.body, once);
    res.body.once('close', once);
    return;
  }
  done();
}
