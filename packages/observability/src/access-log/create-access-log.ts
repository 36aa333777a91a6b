import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { RequestObserver, RequestRecord } from '@wharf/config';
import { DEFAULT_QUEUE_LINES, type AccessLogOptions } from './access-log-options.js';
import { createFieldFilter } from './field-filter.js';
import { createLineQueue } from './line-queue.js';
import { formatLine } from './log-format.js';

export interface AccessLog {
  observer: RequestObserver;
  /** lines dropped because the queue was full or the destination failed */
  dropped(): number;
  /** writes what is queued, then closes the file (stdout stays open) */
  close(): Promise<void>;
}

function openDestination(opts: AccessLogOptions): { out: NodeJS.WritableStream; file?: WriteStream } {
  if (opts.stream !== undefined) return { out: opts.stream };
  if (opts.filePath !== undefined && opts.filePath !== '') {
    const file = createWriteStream(opts.filePath, { flags: 'a' });
    return { out: file, file };
  }
  return { out: process.stdout };
}

/** Traefik-compatible access log (common, genericCLF, json) that never blocks a request. */
export function createAccessLog(opts: AccessLogOptions = {}): AccessLog {
  const format = opts.format ?? 'common';
  const filter = createFieldFilter(opts.fields);
  const { out, file } = openDestination(opts);
  let reported = false;
  out.on('error', (err: Error) => {
    if (reported) return;
    reported = true;
    opts.onError?.(err);
  });
  let count = 0;
  const capacity = opts.bufferingSize !== undefined && opts.bufferingSize > 0 ? opts.bufferingSize : DEFAULT_QUEUE_LINES;
  const queue = createLineQueue<RequestRecord>(out, capacity, (r) => formatLine(format, r, ++count, filter));
  let closed = false;
  return {
    observer: {
      onRequestEnd(record) {
        if (!closed) queue.push(record);
      },
    },
    dropped: () => queue.dropped(),
    async close() {
      if (closed) return;
      closed = true;
      await queue.flush();
      if (file === undefined || file.destroyed) return;
      const done = once(file, 'close').catch(() => undefined);
      file.end();
      await done;
    },
  };
}
