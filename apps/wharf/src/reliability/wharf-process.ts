import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const REPO = join(APP_DIR, '..', '..');
export { staleBuild } from './build-freshness.js';
/** the real binary, as `npm start` and the Docker image run it */
const WHARF_BIN = join(APP_DIR, 'bin', 'wharf.mjs');

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export interface WharfProcess {
  child: ChildProcess;
  /** exit code (null when killed by a signal) */
  exited: Promise<number | null>;
  logs(): string;
}

/**
 * Spawns `bin/wharf.mjs` with `args` (and node's own `execArgv` before it, e.g. `--import`);
 * resolves once `ready()` holds (polled), or throws with the logs.
 */
export async function spawnWharf(args: string[], ready: () => Promise<boolean>, timeoutMs = 20_000, execArgv: string[] = []): Promise<WharfProcess> {
  const child = spawn(process.execPath, [...execArgv, WHARF_BIN, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let logs = '';
  child.stdout!.on('data', (c: Buffer) => (logs += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (logs += c.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wharf exited with ${child.exitCode}:\n${logs}`);
    if (await ready().catch(() => false)) return { child, exited, logs: () => logs };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`wharf not ready after ${timeoutMs} ms:\n${logs}`);
}
