import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatStaticConfigError, StaticConfigError } from './errors.js';
import { commandLineAction, loadStaticConfig } from './load-static-config.js';

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'wharf-static-'));
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

const load = (argv: string[], env: Record<string, string> = {}) => loadStaticConfig({ argv, env, cwd, searchDirs: [] });

function problems(argv: string[], env: Record<string, string> = {}): string[] {
  try {
    load(argv, env);
  } catch (err) {
    expect(err).toBeInstanceOf(StaticConfigError);
    expect((err as StaticConfigError).code).toBe('WHARF_STATIC_CONFIG');
    return (err as StaticConfigError).problems.map((p) => p.message);
  }
  throw new Error('expected a StaticConfigError');
}

describe('loadStaticConfig: flags', () => {
  it('reads the typical compose command line', () => {
    const config = load([
      '--api.insecure=true',
      '--providers.docker',
      '--providers.docker.exposedbydefault=false',
      '--entrypoints.web.address=:8000',
      '--entryPoints.admin.address',
      '127.0.0.1:8001',
      '--log.level=debug',
      '--accesslog',
      '--metrics.prometheus',
      '--ping',
      '--providers.providersThrottleDuration=500ms',
    ]);
    expect(config.entryPoints.web?.parsedAddress).toEqual({ port: 8000, protocol: 'tcp' });
    expect(config.entryPoints.admin?.parsedAddress).toEqual({ host: '127.0.0.1', port: 8001, protocol: 'tcp' });
    expect(config.entryPoints.traefik).toMatchObject({ address: ':8080', internal: true });
    expect(config.providers.docker).toMatchObject({ exposedByDefault: false, endpoint: 'unix:///var/run/docker.sock', watch: true });
    expect(config.providers.providersThrottleDuration).toBe('500ms');
    expect(config.log.level).toBe('DEBUG');
    expect(config.api).toEqual({ insecure: true, dashboard: true, basePath: '/', debug: false, disableDashboardAd: false });
    expect(config.ping).toEqual({ entryPoint: 'traefik', terminatingStatusCode: 503 });
    expect(config.metrics.prometheus?.buckets).toEqual([0.1, 0.3, 1.2, 5]);
    expect(config.accessLog?.format).toBe('common');
  });

  it('applies defaults: web on :80, no internal entrypoint, Traefik log level', () => {
    const config = load([]);
    expect(Object.keys(config.entryPoints)).toEqual(['web']);
    expect(config.entryPoints.web?.parsedAddress.port).toBe(80);
    expect(config.entryPoints.web?.transport.respondingTimeouts).toEqual({ readTimeout: '60s', writeTimeout: '0s', idleTimeout: '180s' });
    expect(config.log).toEqual({ level: 'ERROR', format: 'common' });
    expect(config.core.defaultRuleSyntax).toBe('v3');
    expect(config.providers.docker).toBeUndefined();
    expect(config.api).toBeUndefined();
  });

  it('turns a presence flag off with =false and accepts redirections', () => {
    const config = load([
      '--providers.docker=false',
      '--api=false',
      '--entrypoints.web.address=:80',
      '--entrypoints.web.http.redirections.entrypoint.to=websecure',
      '--entrypoints.websecure.address=:443',
      '--entrypoints.websecure.http.tls=true',
      '--entrypoints.websecure.http.tls.certresolver=le',
      '--certificatesresolvers.le.acme.email=a@b.c',
    ]);
    expect(config.providers.docker).toBeUndefined();
    expect(config.api).toBeUndefined();
    expect(config.entryPoints.web?.http.redirections).toEqual({ entryPoint: { to: 'websecure', scheme: 'https', permanent: true } });
    expect(config.entryPoints.websecure?.http.tls).toEqual({ certResolver: 'le' });
    expect(config.certificatesResolvers).toEqual({
      le: { acme: { email: 'a@b.c', storage: 'acme.json', caServer: 'https://acme-v02.api.letsencrypt.org/directory', keyType: 'EC256', certificatesDuration: 2160, caSystemCertPool: false } },
    });
  });

  it('reads ACME resolvers with Traefik flag names', () => {
    const config = load([
      '--certificatesresolvers.le.acme.storage=/data/acme.json',
      '--certificatesresolvers.le.acme.keytype=RSA4096',
      '--certificatesresolvers.le.acme.certificatesduration=24',
      '--certificatesresolvers.le.acme.httpchallenge.entrypoint=web',
      '--certificatesresolvers.le.acme.tlschallenge=true',
      '--certificatesresolvers.le.acme.cacertificates=/ca/a.pem,/ca/b.pem',
      '--certificatesresolvers.le.acme.caservername=ca.internal',
    ]);
    expect(config.certificatesResolvers?.le?.acme).toMatchObject({
      storage: '/data/acme.json', keyType: 'RSA4096', certificatesDuration: 24, httpChallenge: { entryPoint: 'web' },
      tlsChallenge: {}, caCertificates: ['/ca/a.pem', '/ca/b.pem'], caServerName: 'ca.internal',
    });
  });

  it('is deep-frozen', () => {
    const config = load(['--entrypoints.web.address=:81']);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.entryPoints.web?.parsedAddress)).toBe(true);
    expect(Object.isFrozen(config.entryPoints.web?.http.middlewares)).toBe(true);
  });

  it('names an unknown flag and suggests the closest one', () => {
    expect(problems(['--entrypoints.web.adress=:80'])).toEqual([
      'unknown flag --entrypoints.web.adress: did you mean --entrypoints.web.address?',
    ]);
    expect(problems(['--provders.docker'])[0]).toBe('unknown flag --provders.docker: did you mean --providers.docker?');
  });

  it('names bad values and bad addresses in the flag spelling', () => {
    const found = problems(['--log.level=LOUD', '--entrypoints.web.address=80', '--ping.terminatingStatusCode=abc']);
    expect(found).toContainEqual(expect.stringMatching(/^invalid value for --log\.level=LOUD: expected one of TRACE\|DEBUG/));
    expect(found).toContainEqual(expect.stringMatching(/^invalid value for --ping\.terminatingStatusCode=abc: expected an integer/));
    expect(problems(['--entrypoints.web.address=80'])[0]).toMatch(/^--entrypoints\.web\.address: invalid address "80"/);
  });

  it('refuses negative durations and durations past what timers hold, naming the key (issue 11, hole 7)', () => {
    const found = problems([
      '--serverstransport.forwardingtimeouts.idleconntimeout=-1s',
      '--entrypoints.web.address=:80',
      '--entrypoints.web.transport.respondingTimeouts.readTimeout=600h',
      '--providers.providersThrottleDuration=-2',
    ]);
    expect(found).toContainEqual(expect.stringMatching(/--serverstransport\.forwardingtimeouts\.idleconntimeout=-1s: expected a duration that is not negative/));
    expect(found).toContainEqual(expect.stringMatching(/--entrypoints\.web\.transport\.respondingTimeouts\.readTimeout=600h.*a timer can hold/));
    expect(found).toContainEqual(expect.stringMatching(/--providers\.providersThrottleDuration=-2: expected a duration that is not negative/));
    expect(load(['--serverstransport.forwardingtimeouts.idleconntimeout=590h']).serversTransport?.forwardingTimeouts?.idleConnTimeout).toBe('590h');
  });

  it('reports an entrypoint without address and a dangling ping entrypoint', () => {
    expect(problems(['--entrypoints.web.asdefault=true'])[0]).toMatch(/--entrypoints\.web\.asdefault.*address is required/);
    expect(problems(['--ping.entrypoint=admin'])[0]).toMatch(/--ping\.entrypoint: ping\.entryPoint names entrypoint "admin"/);
  });

  it('reports entrypoints that would bind the same port', () => {
    expect(problems(['--entrypoints.a.address=:8000', '--entrypoints.b.address=127.0.0.1:8000'])[0]).toMatch(
      /^--entrypoints\.b\.address: entrypoints "a" \(:8000\) and "b" \(127\.0\.0\.1:8000\) cannot both listen on port 8000\/tcp$/,
    );
    const ok = load(['--entrypoints.a.address=:53/udp', '--entrypoints.b.address=:53', '--entrypoints.c.address=:0', '--entrypoints.d.address=:0']);
    expect(Object.keys(ok.entryPoints)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('reports file provider options that conflict', () => {
    expect(problems(['--providers.file.filename=a.yml', '--providers.file.directory=d'])[0]).toMatch(/mutually exclusive/);
    expect(load(['--providers.file.directory=/etc/dyn']).providers.file).toEqual({ directory: '/etc/dyn', watch: true });
  });

  it('rejects stray arguments and knows help/version', () => {
    expect(problems(['serve'])[0]).toMatch(/unexpected argument "serve"/);
    expect(commandLineAction(['--help'])).toBe('help');
    expect(commandLineAction(['--version'])).toBe('version');
    expect(commandLineAction(['--ping'])).toBe('run');
  });
});

describe('loadStaticConfig: env', () => {
  it('reads WHARF_* and TRAEFIK_* with camelCase keys spelled with or without underscores', () => {
    const config = load([], {
      WHARF_ENTRYPOINTS_WEB_ADDRESS: ':8000',
      TRAEFIK_PROVIDERS_DOCKER: 'true',
      TRAEFIK_PROVIDERS_DOCKER_EXPOSED_BY_DEFAULT: 'false',
      WHARF_PROVIDERS_PROVIDERSTHROTTLEDURATION: '1s',
      WHARF_ENTRYPOINTS_WEB_FORWARDEDHEADERS_TRUSTEDIPS: '10.0.0.0/8,127.0.0.1',
      PATH: '/usr/bin',
    });
    expect(config.entryPoints.web?.parsedAddress.port).toBe(8000);
    expect(config.entryPoints.web?.forwardedHeaders.trustedIPs).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(config.providers.docker?.exposedByDefault).toBe(false);
    expect(config.providers.providersThrottleDuration).toBe('1s');
  });

  it('names an unknown variable with a suggestion', () => {
    expect(problems([], { WHARF_ENTRYPOINTS_WEB_ADRESS: ':80' })).toEqual([
      'unknown environment variable WHARF_ENTRYPOINTS_WEB_ADRESS: did you mean WHARF_ENTRYPOINTS_WEB_ADDRESS?',
    ]);
    expect(problems([], { WHARF_LOG_LEVEL: 'chatty' })[0]).toMatch(/^invalid value for environment variable WHARF_LOG_LEVEL=chatty/);
  });

  it('leaves WHARF_DASHBOARD_DIR (the dashboard files to serve) to the app, not to the static configuration', () => {
    expect(() => load([], { WHARF_DASHBOARD_DIR: '/srv/dashboard' })).not.toThrow();
  });
});

describe('loadStaticConfig: file', () => {
  it('finds wharf.yml in cwd, layers env and flags over it (file < env < flags)', () => {
    writeFileSync(
      join(cwd, 'wharf.yml'),
      'entryPoints:\n  web:\n    address: ":81"\n  websecure:\n    address: ":443"\nlog:\n  level: INFO\nproviders:\n  file:\n    filename: dyn.yml\n',
    );
    const config = load(['--entrypoints.web.address=:82'], { WHARF_LOG_LEVEL: 'WARN', WHARF_ENTRYPOINTS_WEB_ADDRESS: ':83' });
    expect(config.entryPoints.web?.address).toBe(':82');
    expect(config.entryPoints.websecure?.address).toBe(':443');
    expect(config.log.level).toBe('WARN');
    expect(config.providers.file).toEqual({ filename: 'dyn.yml', watch: true });
    expect(config.configFile).toBe(join(cwd, 'wharf.yml'));
  });

  it('reads a TOML file named by --configFile', () => {
    writeFileSync(join(cwd, 'custom.toml'), '[entryPoints.web]\naddress = ":9000"\n\n[api]\ndashboard = false\n');
    const config = load(['--configFile=custom.toml']);
    expect(config.entryPoints.web?.parsedAddress.port).toBe(9000);
    expect(config.api).toEqual({ insecure: false, dashboard: false, basePath: '/', debug: false, disableDashboardAd: false });
  });

  it('falls back to traefik.yml', () => {
    writeFileSync(join(cwd, 'traefik.yaml'), 'ping: {}\n');
    expect(load([]).ping?.entryPoint).toBe('traefik');
  });

  it('names file:line:col for unknown keys and bad values', () => {
    writeFileSync(join(cwd, 'wharf.yml'), 'entryPoints:\n  web:\n    adress: ":80"\nlog:\n  level: LOUD\n');
    const found = problems([]);
    const file = join(cwd, 'wharf.yml');
    expect(found).toContainEqual(`${file}:3:5: unknown key entryPoints.web.adress: did you mean "address"?`);
    expect(found).toContainEqual(expect.stringMatching(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5:3: log\\.level: expected one of`)));
  });

  it('reports a missing --configFile and a parse error with position', () => {
    expect(problems(['--configFile=nope.yml'])[0]).toMatch(/cannot read configuration file .*nope\.yml: file not found/);
    writeFileSync(join(cwd, 'wharf.yml'), 'entryPoints:\n  web: [\n');
    expect(problems([])[0]).toMatch(/wharf\.yml:\d+:\d+: cannot parse/);
  });

  it('formats the error for the terminal', () => {
    let text = '';
    try {
      load(['--entrypoints.web.adress=:80', '--log.level=LOUD']);
    } catch (err) {
      text = formatStaticConfigError(err);
    }
    expect(text).toContain('invalid static configuration (2 problems)');
    expect(text).toContain('  - unknown flag --entrypoints.web.adress');
    expect(formatStaticConfigError(new Error('boom'))).toBe('wharf: boom');
  });
});
