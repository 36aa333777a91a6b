import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect, createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WhoamiServer } from '@wharf/whoami';
import { startBackends, startTestWharf, type TestWharf } from '../testing/harness.js';

function selfSigned(dir: string, name: string): { cert: string; key: string } {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', `/CN=${name}`,
    '-addext', `subjectAltName=DNS:${name}`, '-keyout', join(dir, `${name}.key`), '-out', join(dir, `${name}.crt`)], { stdio: 'ignore' });
  return { cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`) };
}

/**
 * The route tester against a real wharf, and the real connections it describes: one port with an
 * HTTPS router for app.test and a TLS passthrough TCP catch-all; HTTPS's host goes first (Traefik).
 */
describe('/api/wharf/match for HTTPS and TCP (integration)', () => {
  let dir: string;
  let t: TestWharf;
  let backends: WhoamiServer[];
  let passthrough: TlsServer;
  let app: { cert: string; key: string };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wharf-route-tester-'));
    app = selfSigned(dir, 'app.test');
    const behind = selfSigned(dir, 'behind.test');
    passthrough = createTlsServer({ cert: readFileSync(behind.cert), key: readFileSync(behind.key) }, (s) => s.end('from the TLS server behind\n'));
    await new Promise<void>((r) => passthrough.listen(0, '127.0.0.1', r));
    backends = await startBackends(1);
    t = await startTestWharf({
      tls: { certificates: [{ certFile: app.cert, keyFile: app.key }] },
      http: {
        routers: { app: { rule: 'Host(`app.test`)', service: 's', entryPoints: ['secure'], tls: {} } },
        services: { s: { loadBalancer: { servers: [{ url: backends[0]!.url }] } } },
      },
      tcp: {
        routers: { rest: { rule: 'HostSNI(`*`)', service: 'behind', entryPoints: ['secure'], tls: { passthrough: true } } },
        services: { behind: { loadBalancer: { servers: [{ address: `127.0.0.1:${(passthrough.address() as AddressInfo).port}` }] } } },
      },
    }, ['--entrypoints.secure.address=127.0.0.1:0']);
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all((backends ?? []).map((b) => b.close()));
    passthrough?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const match = async (query: string) => (await fetch(`${t.apiURL()}/api/wharf/match?${query}`)).json() as Promise<Record<string, any>>;
  const port = () => t.wharf.addresses['secure']!.port;

  /** the certificate subject a TLS handshake with this SNI gets, and the first bytes after it */
  const handshake = (servername: string) => new Promise<{ subject: string; data: string }>((resolve, reject) => {
    const s = tlsConnect({ port: port(), host: '127.0.0.1', servername, rejectUnauthorized: false }, () => {
      const subject = String(s.getPeerCertificate().subject?.CN ?? '');
      s.once('data', (d) => {
        resolve({ subject, data: d.toString() });
        s.destroy();
      });
      s.write(`GET / HTTP/1.1\r\nHost: ${servername}\r\nConnection: close\r\n\r\n`);
    });
    s.once('error', reject);
  });

  it('https: the TLS router, its options and the certificate by SNI (the one /api/wharf/certificates lists)', async () => {
    const out = await match(`entryPoint=secure&url=${encodeURIComponent('https://app.test/x')}`);
    expect(out).toMatchObject({ matched: true, router: 'app@file', service: 's@file', tls: { sni: 'app.test', options: 'default', certificate: { subject: 'app.test', selectedBy: 'sni' } } });
    const certificates = (await (await fetch(`${t.apiURL()}/api/wharf/certificates`)).json()) as Array<{ id: string; subject: string }>;
    expect(certificates.find((c) => c.id === out.tls.certificate.id)?.subject).toBe('app.test');
    // the plaintext side has no router for app.test: the TLS router serves only HTTPS
    expect(await match(`entryPoint=secure&url=${encodeURIComponent('http://app.test/x')}`)).toMatchObject({ matched: false, reason: '404 page not found: no router matches' });
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: port(), servername: 'app.test', headers: { host: 'app.test' }, ca: readFileSync(app.cert) }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
  });

  it("tcp: the HTTPS router's host goes to HTTPS, any other SNI to the passthrough catch-all, as real connections do", async () => {
    expect(await match('proto=tcp&entryPoint=secure&sni=app.test')).toMatchObject({ matched: false, peeked: true, fallback: 'http' });
    expect((await handshake('app.test')).subject).toBe('app.test');
    expect(await match('proto=tcp&entryPoint=secure&sni=other.test&alpn=h2')).toMatchObject({ matched: true, router: 'rest@file', mode: 'passthrough', service: 'behind@file' });
    expect(await handshake('other.test')).toEqual({ subject: 'behind.test', data: 'from the TLS server behind\n' });
    expect((await fetch(`${t.apiURL()}/api/wharf/match?proto=tcp&entryPoint=secure&sni=1.2.3.4`)).status).toBe(400);
  });
});
