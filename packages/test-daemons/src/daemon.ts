import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';

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

/** Waits until something accepts on 127.0.0.1:`port`; fails early when `child` exits first. */
export async function waitForPort(port: number, child: ChildProcess, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${child.spawnfile} exited with ${child.exitCode} before listening on ${port}`);
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${child.spawnfile}: nothing listens on ${port} after ${timeoutMs} ms`);
}

/** Kills a child with SIGKILL (after SIGCONT, in case a test paused it) and waits for its exit. */
export async function killChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGCONT');
  child.kill('SIGKILL');
  await exited;
}

export interface Daemon {
  readonly port: number;
  /** starts the process and waits until it listens (again, after `stop`: same port and data) */
  start(): Promise<void>;
  /** stops the process with SIGKILL (the server "goes away") and waits for its exit */
  stop(): Promise<void>;
}

/** `binary args` listening on 127.0.0.1:`port`, restartable; the caller stops it after the test. */
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
      await killChild(running);
    },
  };
}
