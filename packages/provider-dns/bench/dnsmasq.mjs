// A real dnsmasq on 127.0.0.1 for the rediscovery bench, authoritative for `*.test`: A records
// from a hosts file (re-read on SIGHUP) and SRV records from the command line. The bench's own
// copy of src/testing/dnsmasq.ts (test helpers are not built into dist).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { promises as dns } from 'node:dns';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** Debian's dnsmasq, when installed. */
export const DNSMASQ_BINARY = ['/usr/sbin/dnsmasq', '/usr/bin/dnsmasq'].find((p) => existsSync(p));

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = createServer().once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

async function answers(port) {
  const resolver = new dns.Resolver({ timeout: 200, tries: 1 });
  resolver.setServers([`127.0.0.1:${port}`]);
  try {
    await resolver.resolve4('probe.test');
    return true;
  } catch (err) {
    return err.code === 'ENOTFOUND' || err.code === 'ENODATA';
  }
}

const writeHosts = (file, hosts) => writeFile(file, hosts.endsWith('\n') ? hosts : `${hosts}\n`, { mode: 0o644 });

/** `{ server, setHosts(hosts), close() }`; throws with dnsmasq's stderr when it does not answer within 5 s. */
export async function startDnsmasq({ hosts, srv = [] }) {
  const dir = await mkdtemp(join(tmpdir(), 'wharf-bench-dnsmasq-'));
  await chmod(dir, 0o755);
  const hostsFile = join(dir, 'hosts');
  await writeHosts(hostsFile, hosts);
  const port = await freePort();
  const args = ['--keep-in-foreground', `--port=${port}`, '--listen-address=127.0.0.1', '--bind-interfaces', '--no-resolv', '--no-hosts',
    '--conf-file=/dev/null', '--pid-file=', `--addn-hosts=${hostsFile}`, '--local=/test/', '--local-ttl=0', ...srv.map((s) => `--srv-host=${s}`)];
  const child = spawn(DNSMASQ_BINARY, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-2000)));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  for (let i = 0; !(await answers(port)); i++) {
    if (child.exitCode !== null || i >= 100) {
      await close();
      throw new Error(`dnsmasq did not answer on 127.0.0.1:${port}: ${stderr.trim()}`);
    }
    await delay(50);
  }
  return {
    server: `127.0.0.1:${port}`,
    async setHosts(next) {
      await writeHosts(hostsFile, next);
      child.kill('SIGHUP');
      await delay(50);
    },
    close,
  };
}
