// Rows whose proxy is a Node script in bench/servers, run as its own process (own CPU counter).
import { fileURLToPath } from 'node:url';
import { allocPort, startProcess } from '../lib/process.mjs';

/**
 * A row running `bench/servers/<script>` with `--port P --backends url,url [extra]`.
 * `path`: what wrk requests (default /bench); `base`: the row this one is compared with.
 */
export function nodeServerRow(name, script, extra = [], host, { path, base } = {}) {
  return {
    name,
    host,
    path,
    base,
    async start({ backends }) {
      const port = allocPort();
      const file = fileURLToPath(new URL(`../servers/${script}`, import.meta.url));
      const urls = backends.map((b) => `http://127.0.0.1:${b.port}`).join(',');
      const p = await startProcess(process.execPath, [file, '--port', String(port), '--backends', urls, ...extra], { port });
      return { port, pid: p.pid, stop: p.stop };
    },
  };
}
