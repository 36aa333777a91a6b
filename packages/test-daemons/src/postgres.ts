import { execFile as execFileCb, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { killChild, waitForPort } from './daemon.js';
import { freePort } from './free-port.js';

const execFile = promisify(execFileCb);
const DEBIAN_ROOT = '/usr/lib/postgresql';

/**
 * The directory of a Debian PostgreSQL server's binaries (`/usr/lib/postgresql/<major>/bin`, not
 * on PATH; the newest major), or undefined. In CI (`CI=true`) a missing server is an error, as
 * with `findBinary`; elsewhere the suite skips with a visible line.
 */
export function findPostgres(what: string): string | undefined {
  const majors = existsSync(DEBIAN_ROOT) ? readdirSync(DEBIAN_ROOT).filter((m) => /^\d+$/.test(m)).sort((a, b) => Number(b) - Number(a)) : [];
  const bin = majors.map((m) => join(DEBIAN_ROOT, m, 'bin')).find((dir) => existsSync(join(dir, 'postgres')) && existsSync(join(dir, 'initdb')));
  if (!bin) {
    if (process.env.CI === 'true') throw new Error(`the PostgreSQL server is required in CI for the ${what} tests (Debian package postgresql)`);
    console.warn(`[wharf] SKIPPING ${what} tests: no PostgreSQL server under ${DEBIAN_ROOT} (install the Debian package postgresql)`);
  }
  return bin;
}

export interface Postgres {
  readonly port: number;
  /** stops the server (fast shutdown, then SIGKILL) and removes its data */
  cleanup(): Promise<void>;
}

export interface PostgresOptions {
  /** `ssl=on` with this certificate and key (PEM files; copied into the data directory) */
  tls?: { cert: string; key: string };
}

/** Postgres refuses to run as root: as root, the server runs as `nobody`. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string): number => Number(execFileSync('id', [flag, 'nobody'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * A throwaway PostgreSQL server on 127.0.0.1 (no Unix socket, fsync off), user `postgres` with
 * trust authentication; `ssl=on` when `tls` is given.
 */
export async function startPostgres(bin: string, o: PostgresOptions = {}): Promise<Postgres> {
  const user = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'wharf-postgres-'));
  const data = join(dir, 'data');
  if (user) chownSync(dir, user.uid, user.gid);
  await execFile(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-locale', '-E', 'UTF8', '--no-sync'], { ...user, timeout: 60_000 });
  const ssl: string[] = [];
  if (o.tls) {
    for (const [from, to] of [[o.tls.cert, 'server.crt'], [o.tls.key, 'server.key']] as const) {
      copyFileSync(from, join(data, to));
      chmodSync(join(data, to), 0o600);
      if (user) chownSync(join(data, to), user.uid, user.gid);
    }
    ssl.push('-c', 'ssl=on', '-c', 'ssl_cert_file=server.crt', '-c', 'ssl_key_file=server.key');
  }
  const port = await freePort();
  const child: ChildProcess = spawn(join(bin, 'postgres'), [
    '-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', '', '-c', 'fsync=off', '-c', 'log_min_messages=fatal',
    // small: several test files may run servers at once, in containers with a small /dev/shm
    '-c', 'shared_buffers=16MB', '-c', 'max_connections=20', '-c', 'dynamic_shared_memory_type=mmap', ...ssl,
  ], { ...user, stdio: 'ignore' });
  const cleanup = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      await killChild(child);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort(port, child, 30_000);
  } catch (err) {
    await cleanup();
    throw err;
  }
  return { port, cleanup };
}
