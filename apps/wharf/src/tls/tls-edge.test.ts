import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { connect as h2connect } from 'node:http2';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WhoamiServer } from '@wharf/whoami';
import { startBackends, startTestWharf, type TestWharf } from '../testing/harness.js';

/** openssl, in the test: a self-signed certificate for `dns` */
function certificate(dir: string, cn: string, dns: string): { certFile: string; keyFile: string } {
  const certFile = join(dir, `${cn}.crt`);
  const keyFile = join(dir, `${cn}.key`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '30', '-subj', `/CN=${cn}`, '-addext', `subjectAltName=DNS:${dns}`, '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
  return { certFile, keyFile };
}

function plain(port: number, method: string, host: string): Promise<{ status: number; location?: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, method, path: '/x?y=1', headers: { host }, agent: false }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, location: res.headers.location });
    }).on('error', reject).end();
  });
}

function servedCn(port: number, servername: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, servername, rejectUnauthorized: false }, () => {
      const cn = socket.getPeerX509Certificate()?.subject.replace(/^.*CN=/s, '');
      socket.destroy();
      resolve(cn);
    });
    socket.on('error', () => resolve(undefined));
  });
}

describe('wharf at the edge: TLS entrypoint, HTTP/2, redirection', () => {
  let w: TestWharf;
  let backends: WhoamiServer[];
  let dir: string;
  beforeAll(async () => {
    backends = await startBackends(1);
    dir = mkdtempSync(join(tmpdir(), 'wharf-tls-edge-'));
    const app = certificate(dir, 'app', 'app.example.test');
    writeFileSync(join(dir, 'broken.crt'), 'not a certificate');
    w = await startTestWharf(
      {
        http: {
          routers: { app: { rule: 'Host(`app.example.test`)', entryPoints: ['websecure'], service: 's', middlewares: ['mark'] } },
          services: { s: { loadBalancer: { servers: [{ url: backends[0]!.url }] } } },
          middlewares: { mark: { headers: { customRequestHeaders: { 'X-Mark': 'through-middleware' } } } },
        },
        tls: { certificates: [app, { certFile: join(dir, 'broken.crt'), keyFile: app.keyFile }] },
      },
      [
        '--entrypoints.websecure.address=127.0.0.1:0',
        '--entrypoints.websecure.http.tls=true',
        '--entrypoints.web.http.redirections.entrypoint.to=:8443',
      ],
    );
  });
  afterAll(async () => {
    await w?.close();
    for (const b of backends ?? []) await b.close();
  });

  it('redirects web to the `to` port: 301 for GET, 308 for POST', async () => {
    const port = w.wharf.addresses.web!.port;
    expect(await plain(port, 'GET', 'app.example.test')).toEqual({ status: 301, location: 'https://app.example.test:8443/x?y=1' });
    expect((await plain(port, 'POST', 'app.example.test')).status).toBe(308);
  });

  it('serves the SNI certificate (a broken certificate beside it loses nothing) and the default one otherwise', async () => {
    const port = w.wharf.addresses.websecure!.port;
    expect(await servedCn(port, 'app.example.test')).toBe('app');
    expect(await servedCn(port, 'nothing.test')).toBe('TRAEFIK DEFAULT CERT');
    // entrypoint http.tls: the router serves TLS only
    expect((await plain(port, 'GET', 'app.example.test')).status).toBe(404);
  });

  it('HTTP/2 reaches the HTTP/1.1 server through the middleware, with X-Forwarded-Proto https', async () => {
    const port = w.wharf.addresses.websecure!.port;
    const session = h2connect(`https://127.0.0.1:${port}`, { servername: 'app.example.test', rejectUnauthorized: false });
    try {
      const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const stream = session.request({ ':path': '/hello', ':authority': 'app.example.test' });
        let status = 0;
        let body = '';
        stream.on('response', (h) => (status = Number(h[':status'])));
        stream.on('data', (c) => (body += c));
        stream.on('end', () => resolve({ status, body }));
        stream.on('error', reject);
        stream.end();
      });
      expect(status).toBe(200);
      expect(body).toMatch(/GET \/hello HTTP\/1\.1/);
      expect(body).toMatch(/Host: app\.example\.test/i);
      expect(body).toMatch(/X-Mark: through-middleware/i);
      expect(body).toMatch(/X-Forwarded-Proto: https/i);
    } finally {
      session.close();
    }
  });
});
