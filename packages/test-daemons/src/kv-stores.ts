import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { daemon, type Daemon } from './daemon.js';
import { requireBinary } from './find-binary.js';
import { freePort } from './free-port.js';

export interface KvDaemon extends Daemon {
  /** stops it for good and removes its data */
  cleanup(): Promise<void>;
}

/** A single-member etcd (Debian etcd-server) on loopback with its own data directory, kept across restarts; TLS when `tls` is given. */
export async function startEtcd(tls?: { cert: string; key: string }): Promise<KvDaemon> {
  const [client, peer] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'wharf-etcd-'));
  const url = `${tls ? 'https' : 'http'}://127.0.0.1:${client}`;
  const peerUrl = `http://127.0.0.1:${peer}`;
  const d = daemon(requireBinary('etcd', 'etcd-server'), [
    '--data-dir', dir, '--name', 'wharf-test',
    '--listen-client-urls', url, '--advertise-client-urls', url,
    '--listen-peer-urls', peerUrl, '--initial-advertise-peer-urls', peerUrl,
    '--initial-cluster', `wharf-test=${peerUrl}`,
    '--log-level', 'error',
    ...(tls ? ['--cert-file', tls.cert, '--key-file', tls.key] : []),
  ], client);
  await d.start();
  return { ...d, port: client, async cleanup() { await d.stop(); rmSync(dir, { recursive: true, force: true }); } };
}

/** A redis-server on loopback without persistence; `extra` adds directives (`--rename-command CONFIG ""`); TLS when `tls` is given. */
export async function startRedis(extra: string[] = [], tls?: { cert: string; key: string; ca: string }): Promise<KvDaemon> {
  const port = await freePort();
  const listen = tls
    ? ['--port', '0', '--tls-port', String(port), '--tls-cert-file', tls.cert, '--tls-key-file', tls.key, '--tls-ca-cert-file', tls.ca, '--tls-auth-clients', 'no']
    : ['--port', String(port)];
  const d = daemon(requireBinary('redis-server', 'redis-server'), [...listen, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extra], port);
  await d.start();
  return { ...d, port, cleanup: () => d.stop() };
}
