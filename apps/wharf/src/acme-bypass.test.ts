import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WhoamiServer } from '@wharf/whoami';
import { acmeHttpRouters, acmeTlsPassthrough } from './acme.js';
import { redirectionsConfig } from './internal-redirections.js';
import { loadStaticConfig } from './static/index.js';
import { startBackends, startTestWharf, type TestWharf } from './testing/harness.js';

const load = (argv: string[], env: Record<string, string> = {}, cwd = '/') => loadStaticConfig({ argv, env, cwd, searchDirs: [] });
const resolvers = ['--certificatesresolvers.le.acme.httpchallenge.entrypoint=web', '--certificatesresolvers.le2.acme.httpchallenge.entrypoint=strict'];

describe('entryPoints.<n>.allowACMEByPass (static)', () => {
  it('is false by default and read from flags (any case), env and file', () => {
    expect(load(['--entrypoints.web.address=:80']).entryPoints.web?.allowACMEByPass).toBe(false);
    expect(load(['--entrypoints.web.address=:80', '--entryPoints.web.allowACMEByPass=true']).entryPoints.web?.allowACMEByPass).toBe(true);
    expect(load(['--entrypoints.web.address=:80', '--entrypoints.web.allowacmebypass']).entryPoints.web?.allowACMEByPass).toBe(true);
    expect(load([], { TRAEFIK_ENTRYPOINTS_WEB_ADDRESS: ':80', TRAEFIK_ENTRYPOINTS_WEB_ALLOWACMEBYPASS: 'true' }).entryPoints.web?.allowACMEByPass).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'wharf-bypass-'));
    try {
      writeFileSync(join(dir, 'wharf.yml'), 'entryPoints:\n  web:\n    address: ":80"\n    allowACMEByPass: true\n');
      expect(load([], {}, dir).entryPoints.web?.allowACMEByPass).toBe(true);
      writeFileSync(join(dir, 'b.toml'), '[entryPoints.web]\n  address = ":80"\n  allowACMEByPass = true\n');
      expect(load([`--configFile=${join(dir, 'b.toml')}`], {}, dir).entryPoints.web?.allowACMEByPass).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('HTTP-01: acme-http keeps the maximal priority where the entrypoint has no bypass; acme-http-bypass has the default one', () => {
    const config = load(['--entrypoints.web.address=:80', '--entrypoints.strict.address=:81', '--entrypoints.web.allowacmebypass=true', ...resolvers]);
    expect(acmeHttpRouters(config, ['web', 'strict', 'web'])).toEqual({
      'acme-http': { rule: 'PathPrefix(`/.well-known/acme-challenge/`)', priority: Number.MAX_SAFE_INTEGER, entryPoints: ['strict'], service: 'acme-http@internal' },
      'acme-http-bypass': { rule: 'PathPrefix(`/.well-known/acme-challenge/`)', entryPoints: ['web'], service: 'acme-http@internal' },
    });
    expect(Object.keys(acmeHttpRouters(load(['--entrypoints.web.address=:80']), ['web']))).toEqual(['acme-http']);
    expect(acmeHttpRouters(config, [])).toEqual({});
  });

  it('TLS-ALPN-01: TCP routers see acme-tls/1 with the bypass, or when no resolver uses tlsChallenge', () => {
    const tlsChallenge = ['--entrypoints.web.address=:80', '--entrypoints.strict.address=:81', '--entrypoints.web.allowacmebypass=true', '--certificatesresolvers.le.acme.tlschallenge=true'];
    expect(acmeTlsPassthrough(load(tlsChallenge), 'web')).toBe(true);
    expect(acmeTlsPassthrough(load(tlsChallenge), 'strict')).toBe(false);
    expect(acmeTlsPassthrough(load(['--entrypoints.strict.address=:81', ...resolvers]), 'strict')).toBe(true);
  });

  it('a redirection on a bypass entrypoint leaves the challenge path to the routers', () => {
    const routers = (argv: string[]) => redirectionsConfig(load(['--entrypoints.web.address=:80', '--entrypoints.web.http.redirections.entrypoint.to=:443', ...argv])).config.http.routers;
    expect(routers([])['web-to-443']?.rule).toBe('HostRegexp(`^.+$`)');
    expect(routers(['--entrypoints.web.allowacmebypass=true'])['web-to-443']?.rule).toBe('HostRegexp(`^.+$`) && !PathPrefix(`/.well-known/acme-challenge/`)');
  });
});

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers: { host: 'app.wharf.test' }, agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject).end();
  });
}

describe('allowACMEByPass on running entrypoints', () => {
  let backends: WhoamiServer[];
  let t: TestWharf;
  const storage = join(mkdtempSync(join(tmpdir(), 'wharf-acme-bypass-')), 'acme.json');
  beforeAll(async () => {
    backends = await startBackends(1);
    t = await startTestWharf(
      {
        http: {
          // a user's own challenge solver on both entrypoints
          routers: { solver: { rule: 'PathPrefix(`/.well-known/acme-challenge/`)', priority: 100, entryPoints: ['web', 'strict'], service: 's' } },
          services: { s: { loadBalancer: { servers: [{ url: backends[0]!.url }] } } },
        },
      },
      [
        '--entrypoints.strict.address=127.0.0.1:0',
        '--entryPoints.web.allowACMEByPass=true',
        '--entrypoints.web.http.redirections.entrypoint.to=:8443',
        '--certificatesresolvers.le.acme.caserver=https://127.0.0.1:1/dir',
        `--certificatesresolvers.le.acme.storage=${storage}`,
        `--certificatesresolvers.le2.acme.caserver=https://127.0.0.1:1/dir`,
        `--certificatesresolvers.le2.acme.storage=${storage}2`,
        ...resolvers,
      ],
    );
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all((backends ?? []).map((b) => b.close()));
  });

  it('with the bypass the user router answers the challenge path, the rest is redirected', async () => {
    const res = await get(t.wharf.addresses.web!.port, '/.well-known/acme-challenge/token');
    expect(res.status).toBe(200);
    expect(res.body).toContain('Name: w1');
    expect((await get(t.wharf.addresses.web!.port, '/page')).status).toBe(301);
    expect(t.wharf.runtime.source.view().routers['acme-http-bypass@internal']).toMatchObject({ entryPoints: ['web'], status: 'enabled', priority: 42 });
  });

  it('without it wharf answers the challenge path before any user router', async () => {
    expect(await get(t.wharf.addresses.strict!.port, '/.well-known/acme-challenge/token')).toEqual({ status: 404, body: '404 page not found\n' });
    expect(t.wharf.runtime.source.view().routers['acme-http@internal']).toMatchObject({ entryPoints: ['strict'], status: 'enabled' });
  });
});
