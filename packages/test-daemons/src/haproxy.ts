import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killChild, waitForPort } from './daemon.js';
import { findBinary } from './find-binary.js';

export const HAPROXY_BINARY = 'haproxy';

export interface Haproxy {
  stop(): Promise<void>;
}

/**
 * Debian's HAProxy on `config` (the whole configuration text, binds on loopback), in the
 * foreground; resolves once `waitPort` accepts. For interop tests (PROXY protocol senders, TCP
 * peers): the caller checks `findBinary(HAPROXY_BINARY, …)` first, so a machine without it skips.
 */
export async function startHaproxy(config: string, waitPort: number): Promise<Haproxy> {
  const binary = findBinary(HAPROXY_BINARY, 'HAProxy interop');
  if (binary === undefined) throw new Error('haproxy is not installed (Debian package haproxy)');
  const dir = mkdtempSync(join(tmpdir(), 'wharf-haproxy-'));
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(file, config);
  const child = spawn(binary, ['-db', '-f', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  try {
    await waitForPort(waitPort, child);
  } catch (err) {
    await killChild(child);
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(err as Error).message}\n${stderr}`);
  }
  return {
    async stop() {
      await killChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
