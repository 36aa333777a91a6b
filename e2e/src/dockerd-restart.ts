import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { pingDocker } from './docker-available.js';
import { waitFor } from './wait-for.js';

/**
 * Stop the local dockerd by its pid file and start it again, then wait for the socket.
 * Disruptive for everyone sharing the engine: only in CI or when WHARF_E2E_RESTART_DOCKERD=1.
 */
export async function restartDockerd(pidFile = '/var/run/docker.pid'): Promise<void> {
  const pid = Number((await readFile(pidFile, 'utf8')).trim());
  if (!Number.isInteger(pid) || pid <= 1) throw new Error(`no dockerd pid in ${pidFile}`);
  process.kill(pid, 'SIGTERM');
  await waitFor(() => { try { process.kill(pid, 0); return false; } catch { return true; } }, { timeoutMs: 60_000, description: 'dockerd exit' });
  const child = spawn('sh', ['-c', 'dockerd >/tmp/dockerd.log 2>&1'], { detached: true, stdio: 'ignore' });
  child.unref();
  await waitFor(async () => (await pingDocker()).available, { timeoutMs: 60_000, intervalMs: 250, description: 'dockerd socket' });
}
