import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackends, startTestWharf, type TestWharf } from './testing/harness.js';
import type { WhoamiServer } from '@wharf/whoami';

function selfSigned(dir: string, name: string, cn: string, extra: string[] = []): void {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', `/CN=${cn}`,
    '-addext', `subjectAltName=DNS:${cn}`, '-keyout', join(dir, `${name}.key`), '-out', join(dir, `${name}.crt`), ...extra], { stdio: 'ignore' });
}

/** A self-signed certificate that expired in 2020 (`openssl ca` sets past dates; `req` cannot on OpenSSL 3.0). */
function expired(dir: string, name: string, cn: string): void {
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  run(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`]);
  run(['req', '-new', '-key', `${name}.key`, '-subj', `/CN=${cn}`, '-out', `${name}.csr`]);
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '01\n');
  writeFileSync(join(dir, 'ca.cnf'), '[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\nnew_certs_dir=.\nserial=serial\ndefault_md=sha256\npolicy=p\n[p]\ncommonName=supplied\n');
  run(['ca', '-config', 'ca.cnf', '-selfsign', '-keyfile', `${name}.key`, '-in', `${name}.csr`, '-out', `${name}.crt`, '-startdate', '20200101000000Z', '-enddate', '20200102000000Z', '-batch', '-notext']);
}

/** File certificates in both certificate APIs (with the routers they serve and their errors), over a real HTTPS request. */
describe('certificates API (integration)', () => {
  let dir: string;
  let t: TestWharf;
  let backends: WhoamiServer[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wharf-cert-api-'));
    selfSigned(dir, 'app', 'app.test', ['-days', '90']);
    expired(dir, 'old', 'old.test');
    selfSigned(dir, 'other', 'other.test', ['-days', '30']);
    selfSigned(dir, 'elsewhere', 'elsewhere.test', ['-days', '30']);
    backends = await startBackends(1);
    t = await startTestWharf({
      tls: {
        certificates: [
          { certFile: join(dir, 'app.crt'), keyFile: join(dir, 'app.key') },
          { certFile: join(dir, 'old.crt'), keyFile: join(dir, 'old.key') },
          { certFile: join(dir, 'other.crt'), keyFile: join(dir, 'app.key') },
          { certFile: join(dir, 'elsewhere.crt'), keyFile: join(dir, 'elsewhere.key'), stores: ['other'] },
        ],
      },
      http: {
        routers: { app: { rule: 'Host(`app.test`)', service: 's', entryPoints: ['secure'], tls: {} } },
        services: { s: { loadBalancer: { servers: [{ url: backends[0]!.url }] } } },
      },
      // a TCP router of the same name, terminating TLS for the same host on another entrypoint
      tcp: {
        routers: { app: { rule: 'HostSNI(`app.test`)', service: 'db', entryPoints: ['tcps'], tls: {} } },
        services: { db: { loadBalancer: { servers: [{ address: '127.0.0.1:9' }] } } },
      },
    }, ['--entrypoints.secure.address=127.0.0.1:0', '--entrypoints.tcps.address=127.0.0.1:0', '--metrics.prometheus=true']);
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all((backends ?? []).map((b) => b.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  const https = (host: string) => new Promise<number>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: t.wharf.addresses['secure']!.port, servername: host, headers: { host }, path: '/', ca: readFileSync(join(dir, 'app.crt')) }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });

  it('serves HTTPS with the file certificate while bad certificates are reported, naming their files', async () => {
    expect(await https('app.test')).toBe(200);
    const wharf = (await (await fetch(`${t.apiURL()}/api/wharf/certificates`)).json()) as Array<Record<string, any>>;
    const app = wharf.find((c) => c.subject === 'app.test')!;
    expect(app).toMatchObject({ sans: ['app.test'], issuer: 'app.test', source: { kind: 'file', path: join(dir, 'app.crt') }, stores: ['default'], routers: ['app@file'], status: 'enabled', errors: [] });
    // the HTTP and the TCP router `app@file` are one name in `routers`, two entries in `servedRouters`
    expect(app.servedRouters).toEqual([{ protocol: 'http', name: 'app@file' }, { protocol: 'tcp', name: 'app@file' }]);
    expect(wharf.find((c) => c.subject === 'old.test')!.servedRouters).toEqual([]);
    expect(app.id).toMatch(/^[0-9a-f]{64}$/);
    const old = wharf.find((c) => c.subject === 'old.test')!;
    expect(old.status).toBe('disabled');
    expect(old.errors.join()).toContain(join(dir, 'old.crt'));
    const mismatch = wharf.find((c) => c.source.path === join(dir, 'other.crt'))!;
    expect(mismatch.errors.join()).toContain('WHARF_TLS_KEY_MISMATCH');
    expect(wharf.find((c) => c.source.kind === 'default')).toBeDefined();

    const detail = await fetch(`${t.apiURL()}/api/wharf/certificates/${app.id}`);
    expect(await detail.json()).toEqual(app);
    expect((await fetch(`${t.apiURL()}/api/wharf/certificates/nope`)).status).toBe(404);

    const res = await fetch(`${t.apiURL()}/api/certificates?per_page=1&search=.test`);
    expect(res.headers.get('x-next-page')).toBe('2');
    const all = (await (await fetch(`${t.apiURL()}/api/certificates`)).json()) as Array<Record<string, any>>;
    expect(all.find((c) => c.name === app.id)).toMatchObject({ commonName: 'app.test', sans: ['app.test'], status: 'enabled', keyType: 'ECDSA', signatureAlgorithm: 'ECDSA-SHA256' });
    expect(all.find((c) => c.commonName === 'old.test')?.status).toBe('expired');
    // Traefik's GetServerCertificates: the default store's loaded certificates, not the generated
    // TRAEFIK DEFAULT CERT, not a key-mismatched one, not another store's
    expect(all.map((c) => c.commonName).sort()).toEqual(['app.test', 'old.test']);
    // Go's time JSON: whole seconds, no fraction
    expect(all.find((c) => c.commonName === 'old.test')).toMatchObject({ notBefore: '2020-01-01T00:00:00Z', notAfter: '2020-01-02T00:00:00Z' });
    expect(((await (await fetch(`${t.apiURL()}/api/certificates/${app.id}`)).json()) as { name: string }).name).toBe(app.id);
    const overview = (await (await fetch(`${t.apiURL()}/api/overview`)).json()) as { certificates: { total: number; errors: number } };
    expect(overview.certificates).toMatchObject({ total: 2, errors: 1 });

    const diagnostics = (await (await fetch(`${t.apiURL()}/api/wharf/diagnostics?search=old.crt`)).json()) as unknown[];
    expect(diagnostics.length).toBeGreaterThan(0);

    const metrics = await (await fetch(`${t.apiURL()}/metrics`)).text();
    expect(metrics).toMatch(/traefik_tls_certs_not_after\{cn="app\.test",serial="\d+",sans="app\.test"\} \d{10}/);
    expect(metrics).toContain('traefik_tls_certs_not_after{cn="old.test",serial="1",sans=""} 1577923200');
    expect(metrics).not.toContain('cn="TRAEFIK DEFAULT CERT"');
  });
});
