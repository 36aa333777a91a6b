import { parentPort } from 'node:worker_threads';
import { createSnapshotReader, type ReadRequest } from './snapshot-reader.js';

/**
 * Worker-thread entry of the file provider: parsing and decoding a large file (10,000 routers
 * take seconds) happens here, so the event loop that serves requests never waits for it.
 */
const read = createSnapshotReader();
parentPort?.on('message', (msg: { id: number; req: ReadRequest }) => {
  read(msg.req).then(
    (result) => parentPort?.postMessage({ id: msg.id, result }),
    (err: unknown) => parentPort?.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
