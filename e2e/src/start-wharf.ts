import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort } from './free-port.js';
import { REPO_ROOT, WHARF_BIN } from './repo-paths.js';
import { waitFor } from './wait-for.js';

export interface WharfProcess {
  /** `http://127.0.0.1:<port>` of an entry point */
  url(entryPoint?: string): string;
  /** `http://127.0.0.1:<port>` of the API (`--api.insecure`, entry point `traefik`) */
  apiURL: string;
  /** everything written to stdout and stderr so far */
  readonly logs: string;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

export interface StartWharfOptions {
  /** entry points to open on free loopback ports (default ['web']) */
  entryPoints?: string[];
  /** readiness timeout (default 30 s) */
  timeoutMs?: number;
  bin?: string;
}

/** The flags that bind entry points and the API to the given loopback ports. */
export function addressFlags(ports: Record<string, number>): string[] {
  return Object.entries(ports).map(([name, port]) => `--entrypoints.${name}.address=127.0.0.1:${port}`);
}

/**
 * Spawn the built `apps/wharf/bin/wharf.mjs` on the host with free loopback ports and wait
 * until its API answers. `stop()` sends SIGTERM, then SIGKILL after 5 s.
 */
export async function startWharf(args: readonly string[] = [], env: NodeJS.ProcessEnv = {}, options: StartWharfOptions = {}): Promise<WharfProcess> {
  const bin = options.bin ?? WHARF_BIN;
  if (!existsSync(resolve(bin, '../../dist/main.js')) && bin === WHARF_BIN) {
    throw new Error('apps/wharf/dist/main.js is missing: build it with `pnpm --filter "@wharf/app..." run build`');
  }
  const ports: Record<string, number> = { traefik: await freePort() };
  for (const ep of options.entryPoints ?? ['web']) ports[ep] = await freePort();
  const child = spawn(process.execPath, [bin, '--api.insecure=true', ...addressFlags(ports), ...args], {
    cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let logs = '';
  child.stdout!.on('data', (c: Buffer) => { logs += c.toString(); });
  child.stderr!.on('data', (c: Buffer) => { logs += c.toString(); });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const apiURL = `http://127.0.0.1:${ports.traefik}`;
  const wharf: WharfProcess = {
    url: (ep = 'web') => {
      if (!ports[ep]) throw new Error(`entry point ${ep} was not opened`);
      return `http://127.0.0.1:${ports[ep]}`;
    },
    apiURL,
    get logs() { return logs; },
    get pid() { return child.pid; },
    stop: () => stopChild(child, exited),
  };
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`wharf exited with ${child.exitCode}:\n${logs.slice(-3000)}`);
      return (await fetch(`${apiURL}/api/version`, { signal: AbortSignal.timeout(5000) })).ok;
    }, { timeoutMs: options.timeoutMs ?? 30_000, description: 'wharf API', intervalMs: 100 });
  } catch (err) {
    await wharf.stop();
    throw new Error(`wharf did not start: ${(err as Error).message}\n${logs.slice(-3000)}`);
  }
  return wharf;
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
