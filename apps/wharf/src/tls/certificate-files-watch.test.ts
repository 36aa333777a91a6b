import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackends, startTestWharf, waitFor, type TestWharf } from '../testing/harness.js';
import type { WhoamiServer } from '@wharf/whoami';
import { watchCertificateFiles } from './certificate-files-watch.js';

function makeCertificate(dir: string, name: string, cn: string): { cert: string; key: string } {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', `/CN=${cn}`,
    '-addext', 'subjectAltName=DNS:app.test', '-keyout', join(dir, `${name}.key`), '-out', join(dir, `${name}.crt`)], { stdio: 'ignore' });
  return { cert: readFileSync(join(dir, `${name}.crt`), 'utf8'), key: readFileSync(join(dir, `${name}.key`), 'utf8') };
}

function open(port: number): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'app.test', rejectUnauthorized: false }, () => resolve(socket));
    socket.once('error', reject);
  });
}

async function servedCN(port: number): Promise<string> {
  const socket = await open(port);
  const cn = socket.getPeerX509Certificate()?.subject.replace(/^.*CN=/s, '') ?? '';
  socket.destroy();
  return cn;
}

/** one keep-alive request on an open TLS connection: its status */
function ask(socket: TLSSocket): Promise<number> {
  return new Promise((resolve, reject) => {
    socket.once('data', (d: Buffer) => resolve(Number(d.toString('latin1').slice(9, 12))));
    socket.once('error', reject);
    socket.write('GET / HTTP/1.1\r\nHost: app.test\r\n\r\n');
  });
}

describe('certificate files replaced on disk (no configuration change)', () => {
  let dir: string;
  let t: TestWharf;
  let backends: WhoamiServer[];
  let port: number;
  let v2: { cert: string; key: string };
  let v3: { cert: string; key: string };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wharf-cert-watch-'));
    makeCertificate(dir, 'app', 'first');
    v2 = makeCertificate(dir, 'v2', 'second');
    v3 = makeCertificate(dir, 'v3', 'third');
    backends = await startBackends(1);
    t = await startTestWharf(
      {
        http: {
          routers: { app: { rule: 'Host(`app.test`)', entryPoints: ['websecure'], service: 'app', tls: {} } },
          services: { app: { loadBalancer: { servers: [{ url: backends[0]!.url }] } } },
        },
        tls: { certificates: [{ certFile: join(dir, 'app.crt'), keyFile: join(dir, 'app.key') }] },
      },
      ['--entrypoints.websecure.address=127.0.0.1:0'],
    );
    port = t.wharf.addresses['websecure']!.port;
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all((backends ?? []).map((b) => b.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('a rewritten certificate and key serve new handshakes within about a second; an open connection keeps working', async () => {
    expect(await servedCN(port)).toBe('first');
    const held = await open(port);
    expect(await ask(held)).toBe(200);
    const before = t.wharf.runtime.source.view().generation;
    writeFileSync(join(dir, 'app.key'), v2.key);
    writeFileSync(join(dir, 'app.crt'), v2.cert);
    // about 0.6 s here (two 300 ms polls); the bound is loose for a loaded CI machine
    await waitFor(async () => (await servedCN(port)) === 'second', 5_000, 'the new certificate');
    expect(t.wharf.runtime.source.view().generation).toBeGreaterThan(before);
    expect(await ask(held)).toBe(200);
    held.destroy();
  });

  it('a certificate swapped in by rename (atomic replace) applies too', async () => {
    writeFileSync(join(dir, 'next.key'), v3.key);
    writeFileSync(join(dir, 'next.crt'), v3.cert);
    renameSync(join(dir, 'next.key'), join(dir, 'app.key'));
    renameSync(join(dir, 'next.crt'), join(dir, 'app.crt'));
    await waitFor(async () => (await servedCN(port)) === 'third', 5_000, 'the renamed certificate');
  });
});

describe('watchCertificateFiles', () => {
  it('reports a change once it held for one period, and nothing for untouched files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wharf-cert-watch-unit-'));
    const file = join(dir, 'a.crt');
    writeFileSync(file, 'one');
    const seen: string[][] = [];
    const w = watchCertificateFiles({ intervalMs: 30, onChange: (files) => seen.push(files) });
    try {
      w.watch({ certificates: [{ certFile: file, keyFile: '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n' }] });
      await new Promise((r) => setTimeout(r, 150));
      expect(seen).toEqual([]);
      writeFileSync(file, 'two, longer');
      await waitFor(() => seen.length > 0, 2_000, 'a change');
      expect(seen).toEqual([[file]]);
      await new Promise((r) => setTimeout(r, 150));
      expect(seen.length).toBe(1);
    } finally {
      w.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
