import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { promises as dns } from 'node:dns';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { killChild } from './daemon.js';
import { binaryPath } from './find-binary.js';
import { freePort } from './free-port.js';

/** Debian's dnsmasq, when installed (tests skip visibly without it, except in CI). */
export const DNSMASQ_BINARY = binaryPath('dnsmasq');

export interface DnsmasqRecords {
  /** hosts-file lines (`10.0.0.1 web.test`), re-read on SIGHUP */
  hosts: string;
  /** `--srv-host` values (`_http._tcp.web.test,a.test,8080,0,5`); changed by a restart */
  srv?: string[];
  /** TTL of the local records (default 0, dnsmasq's) */
  ttl?: number;
}

/** A real DNS server on 127.0.0.1, authoritative for `*.test` (unknown names → NXDOMAIN, others → REFUSED). */
export interface Dnsmasq {
  readonly port: number;
  readonly server: string;
  /** rewrite the hosts file and SIGHUP: A records change while clients run */
  setHosts(hosts: string): Promise<void>;
  /** stop and start on the same port with new records (SRV records are command-line only) */
  restart(records?: Partial<DnsmasqRecords>): Promise<void>;
  /** SIGSTOP: the socket stays bound, nothing answers (a real timeout) */
  pause(): void;
  resume(): void;
  /** kill; the port closes (ECONNREFUSED on loopback) */
  stop(): Promise<void>;
  close(): Promise<void>;
}

async function answers(port: number): Promise<boolean> {
  const resolver = new dns.Resolver({ timeout: 200, tries: 1 });
  resolver.setServers([`127.0.0.1:${port}`]);
  try {
    await resolver.resolve4('probe.test');
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'ENOTFOUND' || (err as { code?: string }).code === 'ENODATA';
  }
}

/** Starts dnsmasq on `port` and waits until it answers; throws with its stderr if it exits. */
async function launch(port: number, hostsFile: string, records: DnsmasqRecords): Promise<ChildProcess> {
  const args = [
    '--keep-in-foreground', `--port=${port}`, '--listen-address=127.0.0.1', '--bind-interfaces', '--no-resolv', '--no-hosts',
    '--conf-file=/dev/null', '--pid-file=', `--addn-hosts=${hostsFile}`, '--local=/test/', `--local-ttl=${records.ttl ?? 0}`,
    ...(records.srv ?? []).map((s) => `--srv-host=${s}`),
  ];
  const proc = spawn(DNSMASQ_BINARY!, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  for (let i = 0; i < 100; i++) {
    if (proc.exitCode !== null) throw new Error(`dnsmasq exited (${proc.exitCode}): ${stderr.trim()}`);
    if (await answers(port)) return proc;
    await delay(50);
  }
  await killChild(proc);
  throw new Error(`dnsmasq did not answer on 127.0.0.1:${port}: ${stderr.trim()}`);
}

async function writeHosts(file: string, hosts: string): Promise<void> {
  await writeFile(file, hosts.endsWith('\n') ? hosts : `${hosts}\n`, { mode: 0o644 });
}

export async function startDnsmasq(initial: DnsmasqRecords): Promise<Dnsmasq> {
  if (!DNSMASQ_BINARY) throw new Error('dnsmasq is not installed (Debian package dnsmasq)');
  const dir = await mkdtemp(join(tmpdir(), 'wharf-dnsmasq-'));
  await chmod(dir, 0o755);
  const hostsFile = join(dir, 'hosts');
  let records: DnsmasqRecords = { ...initial };
  let port = 0;
  let child: ChildProcess | undefined;
  await writeHosts(hostsFile, records.hosts);
  for (let attempt = 0; !child; attempt++) {
    port = await freePort();
    child = await launch(port, hostsFile, records).catch((err: unknown) => {
      if (attempt >= 2) throw err;
      return undefined;
    });
  }
  const stop = async () => {
    const proc = child;
    child = undefined;
    await killChild(proc);
  };
  return {
    get port() {
      return port;
    },
    get server() {
      return `127.0.0.1:${port}`;
    },
    async setHosts(hosts) {
      records = { ...records, hosts };
      await writeHosts(hostsFile, hosts);
      child?.kill('SIGHUP');
      await delay(50);
    },
    async restart(next = {}) {
      await stop();
      records = { ...records, ...next };
      await writeHosts(hostsFile, records.hosts);
      child = await launch(port, hostsFile, records);
    },
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
    stop,
    async close() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
