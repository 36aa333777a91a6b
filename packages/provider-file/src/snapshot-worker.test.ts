import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

// The worker runs compiled code only (a worker thread cannot load .ts): this checks the built one.
const built = fileURLToPath(new URL('../dist/snapshot-worker.js', import.meta.url));

describe.skipIf(!existsSync(built))('file provider worker thread (dist)', () => {
  it('reads, parses and decodes a file off the event loop, keeping the last good content', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wharf-worker-'));
    const file = join(dir, 'dyn.yml');
    const worker = new Worker(built, { execArgv: [], env: { ...process.env, NODE_OPTIONS: '' } }); // no `source` condition: dist imports dist
    const ask = (id: number) =>
      new Promise<{ id: number; result: { snapshot: { config: { http: { routers: Record<string, { rule: string }> } }; diagnostics: Array<{ code: string }> } } }>((resolve) => {
        worker.once('message', resolve);
        worker.postMessage({ id, req: { target: file, isDir: false } });
      });
    try {
      await writeFile(file, 'http:\n  routers:\n    r:\n      rule: Path(`/a`)\n      service: s\n');
      const first = await ask(1);
      expect(first.id).toBe(1);
      expect(first.result.snapshot.config.http.routers.r?.rule).toBe('Path(`/a`)');
      await writeFile(file, 'http: [\n');
      const second = await ask(2);
      expect(second.result.snapshot.config.http.routers.r?.rule).toBe('Path(`/a`)');
      expect(second.result.snapshot.diagnostics.map((d) => d.code)).toEqual(['WHARF_FILE_PARSE']);
    } finally {
      await worker.terminate();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
