import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type ConnectionOptions } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WhoamiServer } from '@wharf/whoami';
import { startBackends, startTestWharf, type TestWharf } from '../testing/harness.js';

/**
 * Traefik's `-conflicted-` copies on a running wharf: `a` (TLS 1.3 only) and `b` (default options)
 * serve `shared.test` on `websecure`, so both lose `websecure` to default-option copies; `a` keeps
 * `other`, where it is alone. `admin.test` needs a client certificate and stays out of reach from
 * a `shared.test` handshake (421).
 */
let dir: string;
let t: TestWharf;
let backends: WhoamiServer[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wharf-tls-conflicts-'));
  const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=shared.test',
    '-addext', 'subjectAltName=DNS:shared.test,DNS:admin.test', '-keyout', 'edge.key', '-out', 'edge.crt']);
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=clients', '-keyout', 'ca.key', '-out', 'ca.crt']);
  backends = await startBackends(3);
  const lb = (i: number) => ({ loadBalancer: { servers: [{ url: backends[i]!.url }] } });
  t = await startTestWharf(
    {
      http: {
        routers: {
          a: { rule: 'Host(`shared.test`)', entryPoints: ['websecure', 'other'], service: 'a', tls: { options: 'modern' } },
          b: { rule: 'Host(`shared.test`) && PathPrefix(`/b`)', entryPoints: ['websecure'], service: 'b', tls: {} },
          admin: { rule: 'Host(`admin.test`)', entryPoints: ['websecure'], service: 'admin', tls: { options: 'mtls' } },
        },
        services: { a: lb(0), b: lb(1), admin: lb(2) },
      },
      tls: {
        certificates: [{ certFile: readFileSync(join(dir, 'edge.crt'), 'utf8'), keyFile: readFileSync(join(dir, 'edge.key'), 'utf8') }],
        options: {
          modern: { minVersion: 'VersionTLS13' },
          mtls: { clientAuth: { caFiles: [join(dir, 'ca.crt')], clientAuthType: 'RequireAndVerifyClientCert' } },
        },
      },
    },
    ['--entrypoints.websecure.address=127.0.0.1:0', '--entrypoints.other.address=127.0.0.1:0'],
  );
});
afterAll(async () => {
  await t?.close();
  for (const b of backends ?? []) await b.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One HTTPS/1.1 request on a fresh connection: its status and body, or closed (refused handshake). */
function https(ep: string, sni: string, host: string, path: string, o: ConnectionOptions = {}): Promise<{ status?: number; body?: string; closed?: boolean }> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: t.wharf.addresses[ep]!.port, servername: sni, rejectUnauthorized: false, ALPNProtocols: ['http/1.1'], ...o });
    let data = '';
    socket.setTimeout(5_000, () => socket.destroy());
    socket.on('secureConnect', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`));
    socket.on('data', (c: Buffer) => (data += c.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(data.startsWith('HTTP/1.1 ') ? { status: Number(data.slice(9, 12)), body: data } : { closed: true }));
  });
}

const tls12 = { maxVersion: 'TLSv1.2' } as const;

describe('TLS options conflicting for one host on one entrypoint', () => {
  it('lists the copies in /api/http/routers as Traefik does; the router keeps its other entrypoint', async () => {
    const routers = (await (await fetch(`${t.apiURL()}/api/http/routers`)).json()) as Array<{ name: string; status: string; entryPoints: string[]; tls?: { options: string }; error?: string[] }>;
    const byName = new Map(routers.filter((r) => r.name.endsWith('@file')).map((r) => [r.name, r]));
    expect([...byName.keys()].sort()).toEqual(['a@file', 'admin@file', 'websecure-conflicted-a@file', 'websecure-conflicted-b@file']);
    expect(byName.get('a@file')).toMatchObject({ status: 'warning', entryPoints: ['other'], tls: { options: 'modern' } });
    // the copy shows the options as written (Traefik's wire format) and a warning saying it uses default
    expect(byName.get('websecure-conflicted-a@file')).toMatchObject({ status: 'warning', entryPoints: ['websecure'], tls: { options: 'modern' } });
    expect(byName.get('websecure-conflicted-a@file')!.error![0]).toContain('default TLS options');
    expect(byName.get('admin@file')).toMatchObject({ status: 'enabled' });
    const diagnostics = (await (await fetch(`${t.apiURL()}/api/wharf/diagnostics?provider=tls`)).json()) as Array<{ code: string; element?: { name: string } }>;
    expect(diagnostics.filter((d) => d.code === 'WHARF_TLS_OPTIONS_CONFLICT').map((d) => d.element?.name).sort()).toEqual(['websecure-conflicted-a@file', 'websecure-conflicted-b@file']);
  });

  it('routes through the copies with the default options (TLS 1.2 accepted on websecure), the original keeps TLS 1.3 on other', async () => {
    const a = await https('websecure', 'shared.test', 'shared.test', '/a', tls12);
    expect(a.status).toBe(200);
    expect(a.body).toContain('Name: w1');
    const b = await https('websecure', 'shared.test', 'shared.test', '/b', tls12);
    expect(b.status).toBe(200);
    expect(b.body).toContain('Name: w2');
    expect(await https('other', 'shared.test', 'shared.test', '/a', tls12)).toEqual({ closed: true });
    expect((await https('other', 'shared.test', 'shared.test', '/a')).status).toBe(200);
  });

  it('a shared.test handshake still cannot reach the mTLS host (421), whose own handshake wants a certificate', async () => {
    expect((await https('websecure', 'shared.test', 'admin.test', '/')).status).toBe(421);
    expect(await https('websecure', 'admin.test', 'admin.test', '/')).toEqual({ closed: true });
  });
});
