import { mkdtempSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startPebble, type Pebble } from '@wharf/test-daemons';
import type { WhoamiServer } from '@wharf/whoami';
import { startBackends, startTestWharf, waitFor, type TestWharf } from './testing/harness.js';

/** A GET over HTTPS with SNI `host`, verified against `ca` only (pebble's per-run issuing root). */
function secureGet(port: number, host: string, ca: string): Promise<{ status: number; body: string; fingerprint: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest({ host: '127.0.0.1', port, servername: host, headers: { host }, path: '/hello', ca, agent: false }, (res) => {
      let body = '';
      const fingerprint = (res.socket as unknown as { getPeerX509Certificate(): { fingerprint256: string } }).getPeerX509Certificate().fingerprint256;
      res.setEncoding('utf8').on('data', (d: string) => { body += d; }).on('end', () => resolve({ status: res.statusCode ?? 0, body, fingerprint }));
    });
    req.on('error', reject).end();
  });
}

/** whether a handshake with SNI `host` verifies against `ca` (false while the default certificate is served) */
function verifies(port: number, host: string, ca: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port, servername: host, ca, ALPNProtocols: ['http/1.1'] }, () => { s.destroy(); resolve(true); });
    s.on('error', () => resolve(false));
  });
}

function plainGet(port: number, host: string): Promise<{ status: number; location?: string }> {
  return new Promise((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port, path: '/hello', headers: { host }, agent: false }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, location: res.headers.location });
    }).on('error', reject).end();
  });
}

/**
 * ACME end to end through the wharf app: pebble validates HTTP-01 on wharf's `web` entrypoint and
 * TLS-ALPN-01 on `websecure` (challtestsrv resolves every name to 127.0.0.1), the certificates are
 * served by SNI with pebble's chain, and a restart serves them from acme.json without the CA.
 */
describe('ACME certificates through wharf (pebble)', () => {
  let pebble: Pebble;
  let backends: WhoamiServer[];
  let t: TestWharf | undefined;
  let root = '';
  let web = 0;
  let websecure = 0;
  const storageDir = mkdtempSync(join(tmpdir(), 'wharf-acme-https-'));
  const dynamic = () => ({
    http: {
      routers: {
        app: { rule: 'Host(`app.test`)', entryPoints: ['websecure'], service: 's', tls: { certResolver: 'le' } },
        alpn: { rule: 'Host(`alpn.test`)', entryPoints: ['websecure'], service: 's', tls: { certResolver: 'alpn' } },
        // no tls of its own: websecure's http.tls.certResolver applies to its websecure copy
        both: { rule: 'Host(`both.test`)', entryPoints: ['web', 'websecure'], service: 's' },
      },
      services: { s: { loadBalancer: { servers: [{ url: backends[0]!.url }] } } },
    },
  });
  const flags = () => [
    `--entrypoints.web.address=127.0.0.1:${web}`,
    `--entrypoints.websecure.address=127.0.0.1:${websecure}`,
    '--entrypoints.web.http.redirections.entrypoint.to=websecure',
    '--entrypoints.websecure.http.tls.certresolver=le',
    ...['le', 'alpn'].flatMap((r) => [
      `--certificatesresolvers.${r}.acme.email=ops@wharf.test`,
      `--certificatesresolvers.${r}.acme.caserver=${pebble.directoryUrl}`,
      `--certificatesresolvers.${r}.acme.cacertificates=${pebble.caFile}`,
      `--certificatesresolvers.${r}.acme.storage=${join(storageDir, 'acme.json')}`,
    ]),
    '--certificatesresolvers.le.acme.httpchallenge.entrypoint=web',
    '--certificatesresolvers.alpn.acme.tlschallenge=true',
  ];

  beforeAll(async () => {
    backends = await startBackends(1);
    [web, websecure] = [await freePort(), await freePort()];
    pebble = await startPebble({ httpPort: web, tlsPort: websecure });
    root = await pebble.issuingRoot();
    t = await startTestWharf(dynamic(), flags());
  }, 30_000);
  afterAll(async () => {
    await t?.close();
    await pebble?.stop();
    for (const b of backends ?? []) await b.close();
  });

  it('obtains app.test by HTTP-01 on web and serves it with a chain pebble issued, reaching the backend', async () => {
    await waitFor(() => verifies(websecure, 'app.test', root), 30_000, 'the ACME certificate for app.test');
    const res = await secureGet(websecure, 'app.test', root);
    expect(res.status).toBe(200);
    expect(res.body).toContain('Name: w1');
    expect(t!.wharf.runtime.source.view().routers['app@file']).not.toHaveProperty('error');
  }, 35_000);

  it('obtains alpn.test by TLS-ALPN-01 on websecure', async () => {
    await waitFor(() => verifies(websecure, 'alpn.test', root), 30_000, 'the ACME certificate for alpn.test');
    expect((await secureGet(websecure, 'alpn.test', root)).status).toBe(200);
  }, 35_000);

  it("obtains a certificate for a router through its entrypoint's http.tls.certResolver, on the `websecure-both` copy", async () => {
    const routers = t!.wharf.runtime.source.view().routers;
    expect(routers['websecure-both@file']).toMatchObject({ entryPoints: ['websecure'], tls: { certResolver: 'le' }, status: 'enabled' });
    expect(routers['both@file']).toMatchObject({ entryPoints: ['web'] });
    expect(routers['both@file']).not.toHaveProperty('tls');
    await waitFor(() => verifies(websecure, 'both.test', root), 30_000, 'the ACME certificate for both.test');
    expect((await secureGet(websecure, 'both.test', root)).status).toBe(200);
  }, 35_000);

  it('redirects plain HTTP on web to https (the challenge path stays on web)', async () => {
    expect(await plainGet(web, 'app.test')).toEqual({ status: 301, location: `https://app.test:${websecure}/hello` });
  });

  it('after a restart, serves the stored certificates from acme.json with the CA gone', async () => {
    const before = await secureGet(websecure, 'app.test', root);
    await t!.close();
    t = undefined;
    await pebble.stop();
    t = await startTestWharf(dynamic(), flags());
    // the certificate comes from acme.json, not the (stopped) CA: the bound is only for a loaded machine
    await waitFor(() => verifies(websecure, 'app.test', root), 15_000, 'the stored certificate');
    const after = await secureGet(websecure, 'app.test', root);
    expect(after.fingerprint).toBe(before.fingerprint);
    expect(after.status).toBe(200);
    expect(await verifies(websecure, 'alpn.test', root)).toBe(true);
    // nothing had to be ordered: no resolver reports a failure although the CA is down
    await new Promise((r) => setTimeout(r, 500));
    expect(t.wharf.runtime.source.view().diagnostics.filter((d) => d.provider === 'le' || d.provider === 'alpn')).toEqual([]);
  }, 45_000);
});
