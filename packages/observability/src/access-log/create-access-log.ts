import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { RequestObserver, RequestRecord, TcpConnectionRecord } from '@wharf/config';
import { DEFAULT_QUEUE_LINES, type AccessLogOptions } from './access-log-options.js';
import { createFieldFilter } from './field-filter.js';
import { createLineQueue } from './line-queue.js';
import { compileLogFilters } from './log-filters.js';
import { formatLine } from './log-format.js';
import { formatTcpLine } from './tcp-log-line.js';

export interface AccessLog {
  observer: RequestObserver;
  /** a TCP connection ended: one line when `tcp` is on (filters do not apply), else nothing */
  onTcpConnection(record: TcpConnectionRecord): void;
  /** lines dropped because the queue was full or the destination failed */
  dropped(): number;
  /** reopens `filePath` (after logrotate moved it; Traefik does this on SIGUSR1); no-op otherwise */
  reopen(): Promise<void>;
  /** writes what is queued (waiting at most `timeoutMs`, default 5 s), then closes the file (stdout stays open) */
  close(timeoutMs?: number): Promise<void>;
}

async function endFile(file: WriteStream | undefined): Promise<void> {
  if (file === undefined || file.destroyed) return;
  const done = once(file, 'close').catch(() => undefined);
  file.end();
  await done;
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
  let { out, file } = openDestination(opts);
  let reported = false;
  const report = (err: Error) => {
    if (reported) return;
    reported = true;
    opts.onError?.(err);
  };
  out.on('error', report);
  let count = 0;
  const capacity = opts.bufferingSize !== undefined && opts.bufferingSize > 0 ? opts.bufferingSize : DEFAULT_QUEUE_LINES;
  type Line = RequestRecord | { tcp: TcpConnectionRecord };
  const queue = createLineQueue<Line>(out, capacity, (r) => ('tcp' in r ? formatTcpLine(format, r.tcp, ++count) : formatLine(format, r, ++count, filter)));
  const keep = compileLogFilters(opts.filters);
  let closed = false;
  return {
    observer: {
      onRequestEnd(record) {
        if (closed || (keep !== undefined && !keep(record))) return;
        queue.push(record);
      },
    },
    onTcpConnection(record) {
      if (closed || opts.tcp !== true) return;
      queue.push({ tcp: record });
    },
    dropped: () => queue.dropped(),
    async close(timeoutMs) {
      if (closed) return;
      closed = true;
      await queue.flush(timeoutMs);
      await endFile(file);
    },
    async reopen() {
      if (file === undefined || closed) return;
      await queue.flush();
      const old = file;
      ({ out, file } = openDestination(opts));
      reported = false;
      out.on('error', report);
      queue.setDestination(out);
      await endFile(old);
    },
  };
}
