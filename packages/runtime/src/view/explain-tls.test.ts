import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDefaultCertificate } from '@wharf/tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamicConfig, TcpMatchQuery } from '@wharf/config';
import { lb, testRuntime } from '../fixtures/runtime.js';

let dir: string;
let pems: Record<string, { certFile: string; keyFile: string }>;

/** a self-signed certificate with these DNS SANs, as inline PEM */
function selfSigned(name: string, ...sans: string[]): { certFile: string; keyFile: string } {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '30', '-subj', `/CN=${sans[0]}`,
    '-addext', `subjectAltName=${sans.map((s) => `DNS:${s}`).join(',')}`, '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return { certFile: readFileSync(cert, 'utf8'), keyFile: readFileSync(key, 'utf8') };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wharf-explain-tls-'));
  pems = { app: selfSigned('app', 'app.example'), wild: selfSigned('wild', '*.example') };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function tlsRuntime(): Promise<ReturnType<typeof testRuntime>['runtime']['source']>;
async function tlsRuntime(asRuntime: true): Promise<ReturnType<typeof testRuntime>['runtime']>;
async function tlsRuntime(asRuntime = false) {
  const entryPoints = [{ name: 'web', address: ':80' }, { name: 'websecure', address: ':443' }, { name: 'mysql', address: ':3306' },
    { name: 'shared', address: ':8443' }, { name: 'shared2', address: ':9443' }];
  const t = testRuntime({ entryPoints, defaultCertificate: await generateDefaultCertificate() });
  const dyn: DynamicConfig = {
    http: {
      routers: {
        'secure@file': { rule: 'Host(`app.example`)', service: 'app@file', entryPoints: ['websecure'], tls: {} },
        'strict@file': { rule: 'Host(`strict.test`)', service: 'app@file', entryPoints: ['websecure'], tls: { options: 'strict' } },
        'plain@file': { rule: 'Host(`app.example`)', service: 'other@file', entryPoints: ['websecure'] },
        'shop@file': { rule: 'Host(`shop.example`)', service: 'app@file', entryPoints: ['shared'], tls: {} },
        'shop2@file': { rule: 'Host(`Shop2.example`) || PathPrefix(`/s`)', service: 'app@file', entryPoints: ['shared'], tls: {} },
        'anyhost@file': { rule: 'PathPrefix(`/`)', service: 'app@file', entryPoints: ['shared2'], tls: {} },
        'gone@file': { rule: 'Host(`gone.example`)', service: 'ghost@file', entryPoints: ['websecure'], tls: {} },
      },
      services: { 'app@file': lb('http://10.0.0.2:80'), 'other@file': lb('http://10.0.0.9:80') },
      middlewares: {},
    },
    tls: {
      certificates: [pems.app!, pems.wild!],
      options: { 'strict@file': { sniStrict: true, minVersion: 'VersionTLS13' } },
    },
    tcp: {
      routers: {
        'db@file': { rule: 'HostSNI(`db.example`)', service: 'db@file', entryPoints: ['web'], tls: { passthrough: true } },
        'term@file': { rule: 'HostSNI(`*.example`) && ALPN(`postgresql`)', service: 'db@file', entryPoints: ['web'], tls: {} },
        'office@file': { rule: 'ClientIP(`10.1.0.0/16`)', service: 'db@file', entryPoints: ['web'], priority: 100 },
        'catch@file': { rule: 'HostSNI(`*`)', service: 'db@file', entryPoints: ['web'] },
        'mysql@file': { rule: 'HostSNI(`*`)', service: 'db@file', entryPoints: ['mysql'] },
        'pg@file': { rule: 'HostSNI(`pg.test`)', service: 'db@file', entryPoints: ['web'], tls: { options: 'strict' } },
        'shopdb@file': { rule: 'HostSNI(`shop.example`)', service: 'db@file', entryPoints: ['shared', 'shared2'], tls: { passthrough: true } },
        'rest@file': { rule: 'HostSNI(`*`)', service: 'db@file', entryPoints: ['shared', 'shared2'], tls: { passthrough: true } },
      },
      services: { 'db@file': { loadBalancer: { servers: [{ address: '10.0.0.5:5432' }] } } },
    },
  };
  t.runtime.apply(dyn);
  return asRuntime ? t.runtime : t.runtime.source;
}

describe('route tester over HTTPS: TLS routers, option set and certificate', () => {
  it("matches an https URL against the TLS routers only and an http URL against the others (Traefik's split)", async () => {
    const source = await tlsRuntime();
    const https = source.explainMatch({ entryPoint: 'websecure', url: 'https://app.example/x' });
    expect(https).toMatchObject({ matched: true, router: 'secure@file', service: 'app@file' });
    expect(https.tls).toMatchObject({ sni: 'app.example', options: 'default', certificate: { subject: 'app.example', sans: ['app.example'], selectedBy: 'sni' } });
    expect(https.tls!.certificate!.id).toMatch(/^[0-9a-f]{64}$/);
    const http = source.explainMatch({ entryPoint: 'websecure', url: 'http://app.example/x' });
    expect(http).toMatchObject({ matched: true, router: 'plain@file', service: 'other@file' });
    expect(http.tls).toBeUndefined();
    expect(source.explainMatch({ entryPoint: 'websecure', url: 'https://gone.example/' }).reason).toBe(
      'router "gone@file" matches but is disabled: the service "ghost@file" does not exist',
    );
    expect(source.explainMatch({ entryPoint: 'websecure', url: 'http://gone.example/' }).reason).toBe('404 page not found: no router matches');
  });

  it('selects a wildcard SAN, then the default certificate, and takes sni= over the URL host', async () => {
    const source = await tlsRuntime();
    const wild = source.explainMatch({ entryPoint: 'websecure', url: 'https://other.example/' });
    expect(wild).toMatchObject({ matched: false, tls: { certificate: { subject: '*.example', selectedBy: 'sni' } } });
    const fallback = source.explainMatch({ entryPoint: 'websecure', url: 'https://app.example/', sni: 'nothing.test' });
    expect(fallback).toMatchObject({ matched: true, router: 'secure@file', tls: { sni: 'nothing.test', options: 'default', certificate: { selectedBy: 'default' } } });
    expect(fallback.tls!.certificate!.subject).not.toBe('app.example');
    // an IP literal sends no SNI
    expect(source.explainMatch({ entryPoint: 'websecure', url: 'https://127.0.0.1/' }).tls).toMatchObject({ sni: '', certificate: { selectedBy: 'default' } });
  });

  it("uses the router's TLS options for its host and says when sniStrict refuses the handshake", async () => {
    const source = await tlsRuntime();
    const strict = source.explainMatch({ entryPoint: 'websecure', url: 'https://strict.test/' });
    expect(strict).toMatchObject({ matched: false, tls: { options: 'strict@file', sni: 'strict.test' } });
    expect(strict.tls!.refused).toMatch(/^WHARF_TLS_SNI_STRICT/);
    expect(strict.reason).toMatch(/^the TLS handshake is refused/);
  });
});

describe('route tester for TCP connections', () => {
  const q = (over: Partial<TcpMatchQuery>): TcpMatchQuery => ({ entryPoint: 'web', tls: true, sni: '', alpn: [], clientIP: '192.0.2.1', ...over });

  it('routes a ClientHello among the TLS routers by SNI and ALPN, with passthrough or termination', async () => {
    const source = await tlsRuntime();
    const db = source.explainTcpMatch!(q({ sni: 'DB.example.' }));
    expect(db).toMatchObject({ matched: true, router: 'db@file', mode: 'passthrough', peeked: true });
    // tried: the longer (higher-priority) TLS rule first; plain routers (office, catch) are not tried for TLS
    expect(db.tried).toEqual([{ router: 'term@file', priority: 'HostSNI(`*.example`) && ALPN(`postgresql`)'.length, matched: false }]);
    expect(db.tls).toBeUndefined();
    const term = source.explainTcpMatch!(q({ sni: 'pg.example', alpn: ['postgresql'] }));
    expect(term).toMatchObject({ matched: true, router: 'term@file', mode: 'terminated', tried: [], tls: { sni: 'pg.example', options: 'default', certificate: { subject: '*.example', selectedBy: 'sni' } } });
  });

  it("qualifies a TCP router's tls.options with its provider for the handshake; the API shows them as written (Traefik)", async () => {
    const source = await tlsRuntime();
    expect(source.explainTcpMatch!(q({ sni: 'pg.test' }))).toMatchObject({ router: 'pg@file', mode: 'terminated', tls: { options: 'strict@file' } });
    expect(source.view().tcpRouters['pg@file']!.tls).toEqual({ options: 'strict', passthrough: false });
    expect(source.view().tcpRouters['db@file']!.tls).toEqual({ passthrough: true });
  });

  it('sends plain connections to the non-TLS routers by priority, then hands an unmatched TLS connection to HTTP', async () => {
    const source = await tlsRuntime();
    expect(source.explainTcpMatch!(q({ tls: false, clientIP: '10.1.2.3' }))).toMatchObject({ matched: true, router: 'office@file', mode: 'plain', priority: 100 });
    expect(source.explainTcpMatch!(q({ tls: false }))).toMatchObject({ matched: true, router: 'catch@file', tried: [{ router: 'office@file', matched: false }] });
    expect(source.explainTcpMatch!(q({ sni: 'app.other' }))).toMatchObject({ matched: false, fallback: 'http', peeked: true });
  });

  it('does not read a ClientHello on an entrypoint with only plain TCP routers (matched as plain)', async () => {
    const source = await tlsRuntime();
    expect(source.explainTcpMatch!(q({ entryPoint: 'mysql', sni: 'db.example', alpn: ['h2'] }))).toMatchObject({ matched: true, router: 'mysql@file', mode: 'plain', peeked: false });
  });

  it("puts an HTTPS router's host before TLS TCP routers, and a host-less HTTPS router before the HostSNI(`*`) catch-all (Traefik)", async () => {
    const source = await tlsRuntime();
    expect(source.explainTcpMatch!(q({ entryPoint: 'shared', sni: 'shop.example' }))).toMatchObject({ matched: false, fallback: 'http', tried: [] });
    expect(source.explainTcpMatch!(q({ entryPoint: 'shared', sni: 'x.test' }))).toMatchObject({ matched: true, router: 'rest@file', mode: 'passthrough', priority: -1 });
    // Traefik's ParseDomains: a Host(...) under || still names its host (the router is not host-less)
    expect(source.explainTcpMatch!(q({ entryPoint: 'shared', sni: 'shop2.example' }))).toMatchObject({ matched: false, fallback: 'http' });
    // with an HTTPS router on the port a plaintext connection is peeked too (and goes to HTTP)
    expect(source.explainTcpMatch!(q({ entryPoint: 'shared', tls: false }))).toMatchObject({ matched: false, peeked: true, fallback: 'http' });
    expect(source.explainTcpMatch!(q({ entryPoint: 'shared2', sni: 'shop.example' }))).toMatchObject({ matched: true, router: 'shopdb@file' });
    const other = source.explainTcpMatch!(q({ entryPoint: 'shared2', sni: 'x.test' }));
    expect(other).toMatchObject({ matched: false, fallback: 'http', tried: [{ router: 'shopdb@file' }] });
    expect(other.reason).toMatch(/HTTPS router has no host/);
    // and the compiled routing the proxy uses agrees
    const conn = { alpn: [], clientIp: '192.0.2.1', tls: true };
    const routes = (await tlsRuntime(true)).current();
    expect(routes.tcp!('shared')!.route({ ...conn, sni: 'shop.example' })).toBeUndefined();
    expect(routes.tcp!('shared')!.route({ ...conn, sni: 'x.test' })?.router).toBe('rest@file');
    expect(routes.tcp!('shared2')!.route({ ...conn, sni: 'x.test' })).toBeUndefined();
    expect(routes.tcp!('shared')!.plainOnly).toBe(false);
  });

  it('after a Postgres SSLRequest: TLS TCP routers only (no HTTPS host, no HTTP fallback), closed when none matches', async () => {
    const source = await tlsRuntime();
    // a direct ClientHello for shop.example goes to its HTTPS router; after an SSLRequest the TCP router takes it
    expect(source.explainTcpMatch!(q({ entryPoint: 'shared', sni: 'shop.example', postgres: true }))).toMatchObject({ matched: true, router: 'shopdb@file', mode: 'passthrough' });
    // a host-less HTTPS router would take x.test before the catch-all; after an SSLRequest the catch-all does
    expect(source.explainTcpMatch!(q({ entryPoint: 'shared2', sni: 'x.test', postgres: true }))).toMatchObject({ matched: true, router: 'rest@file', tried: [{ router: 'shopdb@file' }] });
    const closed = source.explainTcpMatch!(q({ sni: 'app.other', postgres: true }));
    expect(closed).toMatchObject({ matched: false, peeked: true });
    expect(closed.fallback).toBeUndefined();
    expect(closed.reason).toMatch(/answered S and closes the connection/);
    expect(source.explainTcpMatch!(q({ sni: 'db.example', postgres: true }))).toMatchObject({ matched: true, router: 'db@file' });
    // where nothing is peeked the SSLRequest is a plain connection's first bytes
    expect(source.explainTcpMatch!(q({ entryPoint: 'mysql', sni: 'db.example', postgres: true }))).toMatchObject({ matched: true, router: 'mysql@file', mode: 'plain', peeked: false });
    // the proxy's compiled routing agrees
    const routes = (await tlsRuntime(true)).current();
    const conn = { alpn: [], clientIp: '192.0.2.1', tls: true };
    expect(routes.tcp!('shared')!.routePostgres({ ...conn, sni: 'shop.example' })?.router).toBe('shopdb@file');
    expect(routes.tcp!('shared2')!.routePostgres({ ...conn, sni: 'x.test' })?.router).toBe('rest@file');
    expect(routes.tcp!('web')!.routePostgres({ ...conn, sni: 'app.other' })).toBeUndefined();
  });

  it('answers for entrypoints without TCP routers or unknown ones', async () => {
    const source = await tlsRuntime();
    expect(source.explainTcpMatch!(q({ entryPoint: 'websecure', sni: 'app.example' }))).toMatchObject({ matched: false, fallback: 'http', peeked: false });
    expect(source.explainTcpMatch!(q({ entryPoint: 'nope' }))).toMatchObject({ matched: false, reason: 'entryPoint "nope" doesn\'t exist' });
  });
});
