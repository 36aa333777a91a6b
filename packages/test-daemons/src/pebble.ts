import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, get } from 'node:https';
import { freePort } from './free-port.js';

export interface Pebble {
  directoryUrl: string;
  /** PEM of the certificate pebble's ACME listener serves (trusted through caCertificates) */
  caFile: string;
  dir: string;
  /** pebble's management API (`/roots/0`, `/intermediates/0`: the per-run issuing chain) */
  managementUrl: string;
  /** PEM of the root pebble signs issued certificates under (its per-run CA) */
  issuingRoot(): Promise<string>;
  stop(): Promise<void>;
}

function ping(url: string, ca: string): Promise<boolean> {
  return new Promise((resolve) => {
    get(url, { agent: new Agent({ ca }) }, (res) => { res.resume(); resolve(res.statusCode === 200); }).on('error', () => resolve(false));
  });
}

function download(url: string, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, { agent: new Agent({ ca }) }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => { body += d; }).on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`${url}: ${res.statusCode}`))));
    }).on('error', reject);
  });
}

/**
 * Let's Encrypt's test CA (Debian pebble + pebble-challtestsrv answering every name with 127.0.0.1)
 * on loopback, validating HTTP-01 on `httpPort` and TLS-ALPN-01 on `tlsPort`.
 */
export async function startPebble(opts: { httpPort: number; tlsPort?: number; externalAccountKeys?: Record<string, string> }): Promise<Pebble> {
  const dir = await mkdtemp(join(tmpdir(), 'pebble-'));
  const caFile = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', caFile], { stdio: 'ignore' });
  const [listen, management, dns, chall] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  await writeFile(join(dir, 'config.json'), JSON.stringify({ pebble: {
    listenAddress: `127.0.0.1:${listen}`, managementListenAddress: `127.0.0.1:${management}`,
    certificate: caFile, privateKey: join(dir, 'key.pem'), httpPort: opts.httpPort, tlsPort: opts.tlsPort ?? (await freePort()),
    ocspResponderURL: '',
    // with keys, new accounts must carry an External Account Binding (kid → base64url HMAC key)
    externalAccountBindingRequired: opts.externalAccountKeys !== undefined,
    ...(opts.externalAccountKeys && { externalAccountMACKeys: opts.externalAccountKeys }),
  } }));
  const children: ChildProcess[] = [
    spawn('pebble-challtestsrv', ['-defaultIPv4', '127.0.0.1', '-defaultIPv6', '', '-dns01', `127.0.0.1:${dns}`, '-http01', '', '-https01', '', '-tlsalpn01', '', '-management', `127.0.0.1:${chall}`], { stdio: 'ignore' }),
    spawn('pebble', ['-config', join(dir, 'config.json'), '-dnsserver', `127.0.0.1:${dns}`, '-strict=false'], {
      stdio: 'ignore', env: { ...process.env, PEBBLE_VA_NOSLEEP: '1', PEBBLE_WFE_NONCEREJECT: '0' },
    }),
  ];
  const directoryUrl = `https://127.0.0.1:${listen}/dir`;
  const managementUrl = `https://127.0.0.1:${management}`;
  const ca = await readFile(caFile, 'utf8');
  const stop = async () => {
    await Promise.all(children.map((c) => new Promise<void>((resolve) => {
      if (c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
    })));
  };
  for (let i = 0; i < 100; i++) {
    if (await ping(directoryUrl, ca)) return { directoryUrl, caFile, dir, managementUrl, issuingRoot: () => download(`${managementUrl}/roots/0`, ca), stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error('pebble did not start');
}
