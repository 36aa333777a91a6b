import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createSnapshotReader, type ReadRequest, type ReadResult } from './snapshot-reader.js';

export type SnapshotReader = ((req: ReadRequest) => Promise<ReadResult>) & { close(): Promise<void> };

const WORKER_URL = new URL('./snapshot-worker.js', import.meta.url);

/** The compiled worker exists next to the compiled provider (dist); from sources, reads stay in-thread. */
export function workerAvailable(): boolean {
  return import.meta.url.endsWith('.js') && existsSync(fileURLToPath(WORKER_URL));
}

/** Reads in a worker thread (one per provider, kept between reads), or in this thread. */
export function createReader(offThread: boolean): SnapshotReader {
  if (!offThread) return Object.assign(createSnapshotReader(), { close: async () => {} });
  const worker = new Worker(WORKER_URL);
  worker.unref();
  const pending = new Map<number, { resolve(r: ReadResult): void; reject(e: Error): void }>();
  let nextId = 0;
  const failAll = (err: Error): void => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('message', (msg: { id: number; result?: ReadResult; error?: string }) => {
    const p = pending.get(msg.id);
    pending.delete(msg.id);
    if (msg.result) p?.resolve(msg.result);
    else p?.reject(new Error(msg.error ?? 'file provider worker failed'));
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`file provider worker exited (${code})`)));
  const read = (req: ReadRequest): Promise<ReadResult> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, req });
    });
  return Object.assign(read, { close: async () => void (await worker.terminate()) });
}
