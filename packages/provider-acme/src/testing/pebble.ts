import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, get } from 'node:https';

export interface Pebble {
  directoryUrl: string;
  /** PEM of the certificate pebble's ACME listener serves (trusted through caCertificates) */
  caFile: string;
  dir: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function ping(url: string, ca: string): Promise<boolean> {
  return new Promise((resolve) => {
    get(url, { agent: new Agent({ ca }) }, (res) => { res.resume(); resolve(res.statusCode === 200); }).on('error', () => resolve(false));
  });
}

/** Start pebble-challtestsrv (DNS → 127.0.0.1) and pebble on loopback, validating HTTP-01 on `httpPort`. */
export async function startPebble(opts: { httpPort: number; tlsPort?: number }): Promise<Pebble> {
  const dir = await mkdtemp(join(tmpdir(), 'pebble-'));
  const caFile = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', caFile], { stdio: 'ignore' });
  const [listen, management, dns, chall] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  await writeFile(join(dir, 'config.json'), JSON.stringify({ pebble: {
    listenAddress: `127.0.0.1:${listen}`, managementListenAddress: `127.0.0.1:${management}`,
    certificate: caFile, privateKey: join(dir, 'key.pem'), httpPort: opts.httpPort, tlsPort: opts.tlsPort ?? (await freePort()),
    ocspResponderURL: '', externalAccountBindingRequired: false,
  } }));
  const children: ChildProcess[] = [
    spawn('pebble-challtestsrv', ['-defaultIPv4', '127.0.0.1', '-defaultIPv6', '', '-dns01', `127.0.0.1:${dns}`, '-http01', '', '-https01', '', '-tlsalpn01', '', '-management', `127.0.0.1:${chall}`], { stdio: 'ignore' }),
    spawn('pebble', ['-config', join(dir, 'config.json'), '-dnsserver', `127.0.0.1:${dns}`, '-strict=false'], {
      stdio: 'ignore', env: { ...process.env, PEBBLE_VA_NOSLEEP: '1', PEBBLE_WFE_NONCEREJECT: '0' },
    }),
  ];
  const directoryUrl = `https://127.0.0.1:${listen}/dir`;
  const ca = await readFile(caFile, 'utf8');
  const stop = async () => {
    await Promise.all(children.map((c) => new Promise<void>((resolve) => {
      if (c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
    })));
  };
  for (let i = 0; i < 100; i++) {
    if (await ping(directoryUrl, ca)) return { directoryUrl, caFile, dir, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error('pebble did not start');
}
