import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * etcd and redis-server on loopback for the app's KV tests (`wharf kv`, the providers wired by
 * flags). The provider package has its own, restartable helpers; test helpers are not shared
 * across packages (they are never built).
 */
function binary(name: string): string | undefined {
  const found = [`/usr/bin/${name}`, `/usr/local/bin/${name}`].find((p) => existsSync(p));
  if (!found) {
    if (process.env.CI === 'true') throw new Error(`${name} is required in CI for the KV tests`);
    console.warn(`[wharf] SKIPPING KV tests: ${name} binary not found (install the Debian package)`);
  }
  return found;
}

export const ETCD = binary('etcd');
export const REDIS = binary('redis-server');

export interface KvStore {
  port: number;
  cleanup(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function run(bin: string, args: string[], port: number, after: () => void = () => undefined): Promise<KvStore> {
  const child: ChildProcess = spawn(bin, args, { stdio: 'ignore' });
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${bin} exited with ${child.exitCode}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect({ port, host: '127.0.0.1' }, () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline) throw new Error(`${bin} does not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    async cleanup() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
      after();
    },
  };
}

export async function startEtcd(): Promise<KvStore> {
  const [port, peer] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'wharf-app-etcd-'));
  const url = `http://127.0.0.1:${port}`;
  const args = ['--data-dir', dir, '--listen-client-urls', url, '--advertise-client-urls', url, '--listen-peer-urls', `http://127.0.0.1:${peer}`, '--log-level', 'error'];
  return run(ETCD!, args, port, () => rmSync(dir, { recursive: true, force: true }));
}

export async function startRedis(): Promise<KvStore> {
  const port = await freePort();
  return run(REDIS!, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], port);
}
