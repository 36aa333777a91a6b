// The wharf binary as users run it (apps/wharf/bin/wharf.mjs), with a file-provider dynamic
// configuration written by the bench: the whole composition (aggregator, runtime, TLS store, L4).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProcess } from './process.mjs';

const WHARF = fileURLToPath(new URL('../../apps/wharf/bin/wharf.mjs', import.meta.url));

/**
 * Starts wharf with `entryPoints` (`{ name: '127.0.0.1:P' | '127.0.0.1:P/udp' }`) and `dynamic`
 * (the file provider's content, written as JSON, which YAML reads as is); resolves once `ready()`
 * is true (the configuration is applied, not only the port open), bounded by 20 s. `bin`: another
 * checkout's `apps/wharf/bin/wharf.mjs` (bench/paired.mjs compares two builds).
 */
export async function startWharf({ entryPoints, dynamic, port, ready, bin = WHARF }) {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-bench-edge-'));
  const file = join(dir, 'dynamic.yml');
  writeFileSync(file, JSON.stringify(dynamic, null, 1));
  const args = [bin, `--providers.file.filename=${file}`, '--providers.file.watch=false', '--providers.providersThrottleDuration=0s', '--log.level=ERROR'];
  for (const [name, address] of Object.entries(entryPoints)) args.push(`--entryPoints.${name}.address=${address}`);
  const p = await startProcess(process.execPath, args, { port, timeoutMs: 20_000 });
  const deadline = Date.now() + 20_000;
  while (!(await ready().catch(() => false))) {
    if (Date.now() > deadline) {
      await p.stop();
      throw new Error(`wharf did not apply its configuration within 20 s: ${p.output().slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, pid: p.pid, stop: p.stop };
}
