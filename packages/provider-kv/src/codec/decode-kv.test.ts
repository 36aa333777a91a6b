import { describe, expect, it } from 'vitest';
import { decodeKv } from './decode-kv.js';
import type { KvPair } from './kv-pair.js';

const opts = { rootKey: 'traefik', provider: 'etcd', source: 'etcd 127.0.0.1:2379' };
const kv = (entries: Record<string, string>): KvPair[] => Object.entries(entries).map(([key, value]) => ({ key, value }));
const decode = (entries: Record<string, string>, rootKey = 'traefik') => decodeKv(kv(entries), { ...opts, rootKey });

describe('decodeKv: Traefik layout', () => {
  it('decodes the documented router, service and middleware keys', () => {
    const { config, diagnostics } = decode({
      'traefik/http/routers/api/rule': 'Host(`a.example`)',
      'traefik/http/routers/api/entrypoints/0': 'web',
      'traefik/http/routers/api/entrypoints/1': 'websecure',
      'traefik/http/routers/api/middlewares/0': 'strip',
      'traefik/http/routers/api/service': 'api',
      'traefik/http/routers/api/priority': '42',
      'traefik/http/routers/api/tls': '',
      'traefik/http/routers/api/tls/certresolver': 'le',
      'traefik/http/routers/api/tls/domains/0/main': 'example.org',
      'traefik/http/routers/api/tls/domains/0/sans/0': 'a.example.org',
      'traefik/http/routers/api/tls/domains/0/sans/1': 'b.example.org',
      'traefik/http/services/api/loadbalancer/servers/0/url': 'http://10.0.0.1:80',
      'traefik/http/services/api/loadbalancer/servers/0/weight': '3',
      'traefik/http/services/api/loadbalancer/servers/1/url': 'http://10.0.0.2:80',
      'traefik/http/services/api/loadbalancer/passhostheader': 'false',
      'traefik/http/services/api/loadbalancer/healthcheck/path': '/health',
      'traefik/http/services/api/loadbalancer/healthcheck/interval': '5s',
      'traefik/http/middlewares/strip/stripprefix/prefixes/0': '/a',
      'traefik/http/middlewares/strip/stripprefix/prefixes/1': '/b',
    });
    expect(diagnostics).toEqual([]);
    expect(config.http.routers.api).toEqual({
      rule: 'Host(`a.example`)',
      entryPoints: ['web', 'websecure'],
      middlewares: ['strip'],
      service: 'api',
      priority: 42,
      tls: { certResolver: 'le', domains: [{ main: 'example.org', sans: ['a.example.org', 'b.example.org'] }] },
    });
    expect(config.http.services.api).toEqual({
      loadBalancer: {
        servers: [{ url: 'http://10.0.0.1:80', weight: 3 }, { url: 'http://10.0.0.2:80' }],
        passHostHeader: false,
        healthCheck: { path: '/health', interval: '5s' },
      },
    });
    expect(config.http.middlewares.strip).toEqual({ stripprefix: { prefixes: ['/a', '/b'] } });
  });

  it('an empty tls value enables TLS; keys and sections are case-insensitive', () => {
    const { config, diagnostics } = decode({
      'traefik/HTTP/Routers/Web/Rule': 'Path(`/`)',
      'traefik/http/routers/web/TLS': '',
      'traefik/http/ServersTransports/t/insecureskipverify': 'true',
    });
    expect(diagnostics).toEqual([]);
    expect(config.http.routers).toEqual({ Web: { rule: 'Path(`/`)', tls: {} } });
    expect(config.http.serversTransports).toEqual({ t: { insecureSkipVerify: true } });
  });

  it('orders list items as Traefik does: lexical key order, so /10 before /2', () => {
    const entries: Record<string, string> = {};
    for (let i = 0; i <= 11; i++) entries[`traefik/http/routers/r/entrypoints/${i}`] = `ep${i}`;
    for (let i = 0; i <= 10; i++) entries[`traefik/http/services/s/loadbalancer/servers/${i}/url`] = `http://10.0.0.${i}:80`;
    const { config } = decode(entries);
    expect(config.http.routers.r?.entryPoints).toEqual(['ep0', 'ep1', 'ep10', 'ep11', 'ep2', 'ep3', 'ep4', 'ep5', 'ep6', 'ep7', 'ep8', 'ep9']);
    const urls = config.http.services.s?.loadBalancer?.servers?.map((s) => s.url.split('.').at(-1));
    expect(urls).toEqual(['0:80', '1:80', '10:80', '2:80', '3:80', '4:80', '5:80', '6:80', '7:80', '8:80', '9:80']);
  });

  it('splits list items at commas, as Traefik joins and re-splits them', () => {
    const { config } = decode({ 'traefik/http/routers/r/entrypoints/0': 'web, websecure', 'traefik/http/routers/r/entrypoints/1': 'admin' });
    expect(config.http.routers.r?.entryPoints).toEqual(['web', 'websecure', 'admin']);
  });

  it('drops empty segments (a//b is a/b) and honours a custom root key', () => {
    const { config, diagnostics } = decode({ 'edge/prod//http/routers/r/rule': 'Path(`/x`)' }, 'edge/prod');
    expect(diagnostics).toEqual([]);
    expect(config.http.routers.r).toEqual({ rule: 'Path(`/x`)' });
  });

  it('carries tcp, udp and tls sections', () => {
    const { config, diagnostics } = decode({
      'traefik/tcp/routers/db/rule': 'HostSNI(`*`)',
      'traefik/tcp/routers/db/entrypoints/0': 'pg',
      'traefik/tcp/services/db/loadbalancer/servers/0/address': '10.0.0.5:5432',
      'traefik/udp/services/dns/loadbalancer/servers/0/address': '10.0.0.6:53',
      'traefik/tls/options/modern/minversion': 'VersionTLS13',
      'traefik/tls/certificates/0/certfile': '/certs/a.pem',
      'traefik/tls/certificates/0/keyfile': '/certs/a.key',
    });
    expect(diagnostics).toEqual([]);
    expect(config.tcp?.routers?.db).toMatchObject({ rule: 'HostSNI(`*`)' });
    expect(config.tcp?.services?.db).toBeDefined();
    expect(config.udp?.services?.dns).toBeDefined();
    expect(config.tls?.options?.modern).toBeDefined();
    expect(config.tls?.certificates).toEqual([{ certFile: '/certs/a.pem', keyFile: '/certs/a.key' }]);
  });

  it('an empty tree is an empty configuration', () => {
    expect(decode({})).toEqual({ config: { http: { routers: {}, services: {}, middlewares: {} } }, diagnostics: [] });
  });
});

describe('decodeKv: bad keys are diagnostics naming the key; other elements keep serving', () => {
  it('hostile names stay data: __proto__ cannot name an element nor reach a prototype', () => {
    const { config, diagnostics } = decode({
      'traefik/http/routers/__proto__/rule': 'Path(`/`)',
      'traefik/http/middlewares/h/headers/customrequestheaders/__proto__': 'x',
      'traefik/http/routers/ok/rule': 'Path(`/ok`)',
    });
    expect(Object.getPrototypeOf(config.http.routers)).toBe(Object.prototype);
    expect(Object.keys(config.http.routers)).toEqual(['ok']);
    expect(diagnostics.map((d) => [d.code, d.key])).toEqual([['WHARF_CONFIG_BAD_NAME', 'traefik/http/routers/__proto__']]);
    const headers = (config.http.middlewares.h as { headers: { customrequestheaders: object } }).headers.customrequestheaders;
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
    expect(Object.getOwnPropertyNames(headers)).toEqual(['__proto__']);
  });

  it('an unknown option drops only its router, with "did you mean"', () => {
    const { config, diagnostics } = decode({
      'traefik/http/routers/bad/rule': 'Host(`a`)',
      'traefik/http/routers/bad/entrypoint/0': 'web',
      'traefik/http/routers/good/rule': 'Host(`b`)',
    });
    expect(Object.keys(config.http.routers)).toEqual(['good']);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        provider: 'etcd',
        source: 'etcd 127.0.0.1:2379',
        code: 'WHARF_CONFIG_UNKNOWN_KEY',
        key: 'traefik/http/routers/bad/entrypoint/0',
        suggestion: 'entryPoints',
        element: { kind: 'router', name: 'bad' },
      }),
    ]);
    expect(diagnostics[0]!.message).toContain('traefik/http/routers/bad/entrypoint/0');
    expect(diagnostics[0]!.message).toContain('router "bad" dropped');
  });

  it('a wrong type names the key and what was expected', () => {
    const { config, diagnostics } = decode({
      'traefik/http/routers/r/rule': 'Path(`/`)',
      'traefik/http/routers/r/priority': 'high',
      'traefik/http/services/s/loadbalancer/servers/0/weight': 'x',
      'traefik/http/services/s/loadbalancer/servers/0/url': 'http://a:80',
    });
    expect(config.http.routers).toEqual({});
    expect(config.http.services).toEqual({});
    expect(diagnostics.map((d) => [d.code, d.key])).toEqual([
      ['WHARF_CONFIG_BAD_VALUE', 'traefik/http/routers/r/priority'],
      ['WHARF_CONFIG_BAD_VALUE', 'traefik/http/services/s/loadbalancer/servers/0/weight'],
    ]);
  });

  it('a missing required key names the key to add', () => {
    const { diagnostics } = decode({ 'traefik/http/services/s/loadbalancer/servers/0/weight': '2' });
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'WHARF_CONFIG_MISSING_KEY', key: 'traefik/http/services/s/loadbalancer/servers/0/url' }),
    ]);
  });

  it('unknown protocols and sections are named, with suggestions', () => {
    const { diagnostics } = decode({ 'traefik/htp/routers/r/rule': 'x', 'traefik/http/router/r/rule': 'x' });
    expect(diagnostics.map((d) => [d.code, d.key, d.suggestion])).toEqual([
      ['WHARF_CONFIG_UNKNOWN_KEY', 'traefik/htp', 'http'],
      ['WHARF_CONFIG_UNKNOWN_KEY', 'traefik/http/router', 'routers'],
    ]);
  });

  it('keys outside the root, too short, or clashing are named', () => {
    const { config, diagnostics } = decode({
      'traefikx/http/routers/r/rule': 'x',
      'traefik/http': 'x',
      'traefik/http/routers/c/rule': 'Path(`/`)',
      'traefik/http/routers/c/rule/extra': 'y',
      'traefik/http/routers/ok/rule': 'Path(`/ok`)',
    });
    expect(Object.keys(config.http.routers)).toEqual(['ok']);
    expect(diagnostics.map((d) => [d.code, d.key, d.severity])).toEqual([
      ['WHARF_KV_BAD_KEY', 'traefik/http', 'error'],
      ['WHARF_KV_CLASH', 'traefik/http/routers/c/rule/extra', 'error'],
      ['WHARF_KV_OUTSIDE_ROOT', 'traefikx/http/routers/r/rule', 'warning'],
    ]);
    expect(diagnostics[1]).toMatchObject({ element: { kind: 'router', name: 'c' } });
  });

  it('a middleware with two types, a name with @, and an oversized value', () => {
    const { config, diagnostics } = decode({
      'traefik/http/middlewares/two/compress': '',
      'traefik/http/middlewares/two/stripprefix/prefixes/0': '/a',
      'traefik/http/routers/api@docker/rule': 'Path(`/`)',
      'traefik/http/routers/big/rule': 'x'.repeat(1024 * 1024 + 1),
      'traefik/http/routers/big/service': 's',
      'traefik/http/middlewares/gz/compress': '',
    });
    expect(config.http.middlewares).toEqual({ gz: { compress: {} } });
    expect(config.http.routers).toEqual({});
    expect(diagnostics.map((d) => [d.code, d.key])).toEqual([
      ['WHARF_KV_TOO_LARGE', 'traefik/http/routers/big/rule'],
      ['WHARF_CONFIG_BAD_VALUE', 'traefik/http/middlewares/two'],
      ['WHARF_CONFIG_BAD_NAME', 'traefik/http/routers/api@docker'],
    ]);
    expect(diagnostics[0]).toMatchObject({ element: { kind: 'router', name: 'big' } });
  });
});
