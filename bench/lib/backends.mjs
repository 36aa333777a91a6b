// The whoami backends every HTTP row proxies to (apps/whoami/dist/main.js, `GET /bench` → `1`).
import { fileURLToPath } from 'node:url';
import { allocPort, startProcess } from './process.mjs';

/** `n` whoami processes on 127.0.0.1: `[{ port, pid, stop() }]`. */
export async function startWhoami(n) {
  const main = fileURLToPath(new URL('../../apps/whoami/dist/main.js', import.meta.url));
  const out = [];
  for (let i = 1; i <= n; i++) {
    const port = allocPort();
    const p = await startProcess(process.execPath, [main, '--port', String(port), '--name', `w${i}`, '--host', '127.0.0.1'], { port });
    out.push({ port, pid: p.pid, stop: p.stop });
  }
  return out;
}
