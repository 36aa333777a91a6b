import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer, type Server } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWharf, type TestWharf } from './testing/harness.js';

/**
 * TLS-ALPN-01 and `allowACMEByPass` on running entrypoints: a TLS passthrough TCP router
 * (``HostSNI(`*`)``) to the user's own solver on `bypass` and `strict`; a resolver uses
 * `tlsChallenge`. Only on `bypass` does a ClientHello offering `acme-tls/1` reach the solver.
 */
describe('allowACMEByPass and acme-tls/1 ClientHellos', () => {
  let dir: string;
  let t: TestWharf;
  let solver: Server;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wharf-acme-alpn-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=solver.test',
      '-addext', 'subjectAltName=DNS:x.test', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem')], { stdio: 'ignore' });
    solver = createServer({ cert: readFileSync(join(dir, 'c.pem')), key: readFileSync(join(dir, 'k.pem')), ALPNProtocols: ['acme-tls/1', 'http/1.1'] }, (s) => s.end('solved'));
    await new Promise<void>((r) => solver.listen(0, '127.0.0.1', r));
    t = await startTestWharf({
      tcp: {
        routers: { solver: { rule: 'HostSNI(`*`)', service: 'solver', entryPoints: ['bypass', 'strict'], tls: { passthrough: true } } },
        services: { solver: { loadBalancer: { servers: [{ address: `127.0.0.1:${(solver.address() as AddressInfo).port}` }] } } },
      },
    }, [
      '--entrypoints.bypass.address=127.0.0.1:0',
      '--entrypoints.bypass.allowACMEByPass=true',
      '--entrypoints.strict.address=127.0.0.1:0',
      '--certificatesresolvers.le.acme.tlschallenge=true',
      '--certificatesresolvers.le.acme.caserver=https://127.0.0.1:1/dir',
      `--certificatesresolvers.le.acme.storage=${join(dir, 'acme.json')}`,
    ]);
  });
  afterAll(async () => {
    await t?.close();
    solver?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The certificate's CN and the bytes the far end sent, or undefined when the handshake failed. */
  const hello = (ep: string, alpn: string[]) => new Promise<{ cn?: string; data: string } | undefined>((resolve) => {
    const s = connect({ port: t.wharf.addresses[ep]!.port, host: '127.0.0.1', servername: 'x.test', ALPNProtocols: alpn, rejectUnauthorized: false });
    let data = '';
    let cn: string | undefined;
    let ok = false;
    s.setTimeout(5_000, () => s.destroy());
    s.on('secureConnect', () => {
      ok = true;
      cn = s.getPeerX509Certificate()?.subject.replace(/^.*CN=/s, '');
    });
    s.on('data', (d: Buffer) => (data += d.toString()));
    s.on('error', () => undefined);
    s.on('close', () => resolve(ok ? { cn, data } : undefined));
  });

  it('with the bypass the TCP router takes the acme-tls/1 ClientHello to the user solver', async () => {
    expect(await hello('bypass', ['acme-tls/1'])).toEqual({ cn: 'solver.test', data: 'solved' });
  });

  it('without it wharf answers acme-tls/1 itself (no challenge pending: no handshake); other ClientHellos pass through', async () => {
    expect(await hello('strict', ['acme-tls/1'])).toBeUndefined();
    expect(await hello('strict', ['http/1.1'])).toEqual({ cn: 'solver.test', data: 'solved' });
  });
});
