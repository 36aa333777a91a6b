import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, connect } from 'node:net';

/** A binary the tests need: its path, or undefined (then the suite skips, loudly; in CI it fails). */
export function findBinary(name: string, what: string): string | undefined {
  const found = [`/usr/bin/${name}`, `/usr/local/bin/${name}`].find((p) => existsSync(p));
  if (!found) {
    if (process.env.CI === 'true') throw new Error(`${name} is required in CI for the ${what} tests`);
    console.warn(`[wharf] SKIPPING ${what} tests: ${name} binary not found (install the Debian package)`);
  }
  return found;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`daemon exited with ${child.exitCode} before listening on ${port}`);
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on ${port} after ${timeoutMs} ms`);
}

export interface Daemon {
  readonly port: number;
  /** stops the process (SIGKILL: the store "goes away") and waits for its exit */
  stop(): Promise<void>;
  /** starts it again on the same port and data */
  start(): Promise<void>;
}

/** Runs `binary args` on loopback, restartable; stopped after the test by the caller. */
export function daemon(binary: string, args: string[], port: number): Daemon {
  let child: ChildProcess | undefined;
  return {
    port,
    async start() {
      child = spawn(binary, args, { stdio: 'ignore' });
      await waitForPort(port, child);
    },
    async stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((r) => running.once('exit', r));
      running.kill('SIGKILL');
      await exited;
    },
  };
}
