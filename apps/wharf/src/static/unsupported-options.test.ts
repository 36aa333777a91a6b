import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StaticConfigError } from './errors.js';
import { loadStaticConfig } from './load-static-config.js';
import { takeUnsupported, TRAEFIK_OPTIONS_NOT_IMPLEMENTED, unsupportedOption } from './unsupported-options.js';

const load = (argv: string[], env: Record<string, string> = {}, cwd = '/') => loadStaticConfig({ argv, env, cwd, searchDirs: [] });

function problems(argv: string[], env: Record<string, string> = {}): string[] {
  try {
    load(argv, env);
  } catch (err) {
    if (err instanceof StaticConfigError) return err.problems.map((p) => `${p.code} ${p.message}`);
    throw err;
  }
  return [];
}

describe('Traefik options wharf does not implement', () => {
  it('match by path, any case, `*` for one name, sub-keys included; nothing else', () => {
    expect(unsupportedOption(['entryPoints', 'websecure', 'http3'])?.path).toBe('entrypoints.*.http3');
    expect(unsupportedOption(['ENTRYPOINTS', 'WEB', 'HTTP3', 'ADVERTISEDPORT'])?.path).toBe('entrypoints.*.http3');
    expect(unsupportedOption(['certificatesResolvers', 'le', 'acme', 'dnsChallenge', 'provider'])?.refuse).toBe(true);
    expect(unsupportedOption(['entryPoints', 'web', 'http'])).toBeUndefined();
    expect(unsupportedOption(['entryPoints', 'http3'])).toBeUndefined();
    expect(unsupportedOption(['metrics', 'prometheus'])).toBeUndefined();
    // every entry names what is missing, and none hides an option wharf implements
    for (const o of TRAEFIK_OPTIONS_NOT_IMPLEMENTED) expect(o.reason.length).toBeGreaterThan(20);
  });

  it('takeUnsupported removes them from the tree and names the first leaf each came from', () => {
    const tree = { entryPoints: { web: { address: ':80', http3: { advertisedPort: '443' } } }, tracing: { otlp: 'true' }, log: { level: 'DEBUG' } };
    const seen: string[] = [];
    const notices = takeUnsupported(tree, (path) => (seen.push(path), `<${path}>`));
    expect(tree).toEqual({ entryPoints: { web: { address: ':80' } }, log: { level: 'DEBUG' } });
    expect(notices.map((n) => n.where)).toEqual(['<entryPoints.web.http3.advertisedPort>', '<tracing.otlp>']);
  });

  it('an ignored one starts wharf and is reported where it was written: flag, env var, file:line', () => {
    expect(load(['--entrypoints.web.address=:80', '--entrypoints.web.http3', '--log.nocolor=true']).ignoredOptions).toEqual([
      { where: '--entrypoints.web.http3', reason: expect.stringMatching(/^HTTP\/3 \(QUIC\) is not served/) },
      { where: '--log.nocolor', reason: expect.stringMatching(/no colours/) },
    ]);
    expect(load(['--entrypoints.web.address=:80'], { TRAEFIK_TRACING_OTLP: 'true' }).ignoredOptions).toEqual([{ where: 'TRAEFIK_TRACING_OTLP', reason: expect.stringMatching(/^tracing/) }]);
    const dir = mkdtempSync(join(tmpdir(), 'wharf-unsupported-'));
    try {
      writeFileSync(join(dir, 'traefik.yml'), 'entryPoints:\n  websecure:\n    address: ":443"\n    http3:\n      advertisedPort: 443\n');
      const config = load([], {}, dir);
      expect(config.entryPoints.websecure?.address).toBe(':443');
      expect(config.ignoredOptions?.[0]?.where).toBe(`${join(dir, 'traefik.yml')}:5:7`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(load(['--entrypoints.web.address=:80']).ignoredOptions).toBeUndefined();
  });

  it('a refused one stops start-up with its reason instead of "unknown flag"; a typo still gets "did you mean"', () => {
    expect(problems(['--certificatesresolvers.le.acme.dnschallenge.provider=cloudflare'])).toEqual([
      'WHARF_STATIC_UNSUPPORTED --certificatesresolvers.le.acme.dnschallenge.provider: the DNS-01 challenge is not implemented yet: use httpChallenge or tlsChallenge (wildcard certificates need DNS-01)',
    ]);
    expect(problems([], { TRAEFIK_PROVIDERS_KUBERNETESCRD: 'true' })[0]).toMatch(/^WHARF_STATIC_UNSUPPORTED TRAEFIK_PROVIDERS_KUBERNETESCRD: providers\.kubernetescrd is a Traefik provider wharf does not have/);
    expect(problems(['--entrypoints.web.address=:80', '--entrypoints.web.htp3'])).toEqual(['WHARF_CONFIG_UNKNOWN_KEY unknown flag --entrypoints.web.htp3: did you mean --entrypoints.web.http?']);
    expect(problems(['--entrypoints.web.address=:80', '--providers.redis.sentinel.mastername=m'])[0]).toMatch(/^WHARF_STATIC_UNSUPPORTED --providers\.redis\.sentinel\.mastername: Redis Sentinel/);
    expect(problems(['--entrypoints.web.address=:80', '--serverstransport.spiffe.ids=spiffe://x'])[0]).toMatch(/SPIFFE is not supported/);
  });

  it('log rotation, OTLP, OCSP and HPACK sizes are ignored with what is missing; options wharf implements are not', () => {
    const ignored = load(['--entrypoints.web.address=:80', '--log.maxsize=10', '--accesslog.otlp=true', '--ocsp=true', '--entrypoints.web.http2.maxdecoderheadertablesize=8192']).ignoredOptions;
    expect(ignored?.map((i) => i.where).sort()).toEqual(['--accesslog.otlp', '--entrypoints.web.http2.maxdecoderheadertablesize', '--log.maxsize', '--ocsp']);
    const c = load(['--entrypoints.web.address=:80', '--entrypoints.web.http.underscoreheadersstrategy=reject', '--entrypoints.web.http.maxheaderbytes=65536',
      '--certificatesresolvers.le.acme.eab.kid=k', '--certificatesresolvers.le.acme.eab.hmacencoded=h', '--certificatesresolvers.le.acme.preferredchain=ISRG Root X1',
      '--certificatesresolvers.le.acme.tlschallenge=true', '--certificatesresolvers.le.acme.tlschallenge.delay=2s']);
    expect(c.ignoredOptions).toBeUndefined();
    expect(c.entryPoints.web?.http).toMatchObject({ underscoreHeadersStrategy: 'reject', maxHeaderBytes: 65536 });
    expect(c.certificatesResolvers?.le?.acme).toMatchObject({ eab: { kid: 'k', hmacEncoded: 'h' }, preferredChain: 'ISRG Root X1', tlsChallenge: { delay: '2s' } });
  });
});
