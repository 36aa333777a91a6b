import { describe, expect, it } from 'vitest';
import { decodeLabels } from './decode-labels.js';
import { labelsToTree } from './label-tree.js';

describe('labelsToTree', () => {
  it('splits keys, builds arrays and lower-cases only the roots', () => {
    const { tree, issues } = labelsToTree({
      'traefik.enable': 'true',
      'traefik.docker.network': 'proxy',
      'traefik.HTTP.Routers.Api.tls.domains[0].main': 'a.com',
      'traefik.http.routers.Api.tls.domains[1].main': 'b.com',
      'traefik.http.routers.Api.rule': 'Host(`a.com`)',
      'com.docker.compose.project': 'demo',
    });
    expect(issues).toEqual([]);
    expect(tree).toEqual({
      http: { routers: { Api: { rule: 'Host(`a.com`)', tls: { domains: [{ main: 'a.com' }, { main: 'b.com' }] } } } },
    });
  });

  it('treats a leaf "true" beside sub-keys as presence (tls=true + tls.certresolver)', () => {
    const { tree, issues } = labelsToTree({
      'traefik.http.routers.r.tls': 'true',
      'traefik.http.routers.r.tls.certresolver': 'le',
      'traefik.http.services.s.loadbalancer.sticky.cookie.name': 'sid',
      'traefik.http.services.s.loadbalancer.sticky.cookie': 'TRUE',
    });
    expect(issues).toEqual([]);
    expect(tree).toEqual({
      http: {
        routers: { r: { tls: { certresolver: 'le' } } },
        services: { s: { loadbalancer: { sticky: { cookie: { name: 'sid' } } } } },
      },
    });
  });

  it('reports other prefix keys as ignored and leaf/branch clashes', () => {
    const { issues } = labelsToTree({
      'traefik.wrong.label': 'x',
      'traefik.http.routers.r.priority': '5',
      'traefik.http.routers.r.priority.x': '1',
      'traefik.http.routers.r[x].rule': 'bad',
    });
    expect(issues.map((i) => [i.code, i.path, i.severity])).toEqual([
      ['WHARF_LABEL_CLASH', 'traefik.http.routers.r.priority.x', 'error'],
      ['WHARF_LABEL_BAD_KEY', 'traefik.http.routers.r[x].rule', 'error'],
      ['WHARF_LABEL_IGNORED', 'traefik.wrong.label', 'warning'],
    ]);
  });

  it('honours a custom prefix', () => {
    const { tree } = labelsToTree({ 'wharf.http.routers.a.rule': 'Path(`/`)', 'traefik.http.routers.b.rule': 'x' }, 'wharf');
    expect(tree).toEqual({ http: { routers: { a: { rule: 'Path(`/`)' } } } });
  });
});

const cases: Array<{ name: string; labels: Record<string, string>; expect: (d: ReturnType<typeof decodeLabels>) => void }> = [
  {
    name: 'typical compose service',
    labels: {
      'traefik.enable': 'true',
      'traefik.http.routers.whoami.rule': 'Host(`whoami.localhost`)',
      'traefik.http.routers.whoami.entrypoints': 'web,websecure',
      'traefik.http.routers.whoami.middlewares': 'strip,auth@file',
      'traefik.http.routers.whoami.priority': '10',
      'traefik.http.routers.whoami.tls': 'true',
      'traefik.http.services.whoami.loadbalancer.server.port': '8080',
      'traefik.http.services.whoami.loadbalancer.sticky.cookie.samesite': 'Lax',
      'traefik.http.services.whoami.loadbalancer.healthcheck.path': '/health',
      'traefik.http.services.whoami.loadbalancer.healthcheck.interval': '5s',
      'traefik.http.services.whoami.loadbalancer.healthcheck.headers.X-Probe': 'wharf',
      'traefik.http.middlewares.strip.stripprefix.prefixes': '/a,/b',
    },
    expect: (d) => {
      expect(d.issues).toEqual([]);
      expect(d.http.routers.whoami).toEqual({
        rule: 'Host(`whoami.localhost`)',
        entryPoints: ['web', 'websecure'],
        middlewares: ['strip', 'auth@file'],
        priority: 10,
        tls: {},
      });
      expect(d.http.services.whoami).toEqual({
        loadBalancer: {
          server: { port: 8080 },
          sticky: { cookie: { sameSite: 'lax' } },
          healthCheck: { path: '/health', interval: '5s', headers: { 'X-Probe': 'wharf' } },
        },
      });
      expect(d.http.middlewares.strip).toEqual({ stripprefix: { prefixes: '/a,/b' } });
    },
  },
  {
    name: 'mixed-case option names, presence objects',
    labels: {
      'traefik.http.routers.R.EntryPoints': 'web',
      'traefik.http.services.S.loadBalancer.Sticky': 'true',
      'traefik.http.services.S.loadBalancer.servers[0].url': 'http://10.0.0.2:80',
      'traefik.http.middlewares.gz.compress': 'true',
    },
    expect: (d) => {
      expect(d.issues).toEqual([]);
      expect(d.http.routers.R).toEqual({ entryPoints: ['web'] });
      expect(d.http.services.S).toEqual({ loadBalancer: { sticky: {}, servers: [{ url: 'http://10.0.0.2:80' }] } });
      expect(d.http.middlewares.gz).toEqual({ compress: 'true' });
    },
  },
  {
    name: 'unknown router key drops only that router',
    labels: {
      'traefik.http.routers.bad.rule': 'Host(`a`)',
      'traefik.http.routers.bad.entrypoint': 'web',
      'traefik.http.routers.good.rule': 'Host(`b`)',
    },
    expect: (d) => {
      expect(Object.keys(d.http.routers)).toEqual(['good']);
      expect(d.issues).toEqual([
        expect.objectContaining({
          code: 'WHARF_CONFIG_UNKNOWN_KEY',
          path: 'traefik.http.routers.bad.entrypoint',
          suggestion: 'entryPoints',
          element: { kind: 'router', name: 'bad', protocol: 'http' },
        }),
      ]);
    },
  },
  {
    name: 'url with port is rejected like Traefik',
    labels: {
      'traefik.http.services.s.loadBalancer.server.url': 'http://x:80',
      'traefik.http.services.s.loadBalancer.server.port': '80',
    },
    expect: (d) => {
      expect(d.http.services).toEqual({});
      expect(d.issues[0]?.code).toBe('WHARF_LABEL_URL_WITH_PORT');
      expect(d.issues[0]?.path).toBe('traefik.http.services.s.loadBalancer.server.url');
      expect(d.issues[0]?.message).toContain('defining scheme or port is not allowed when URL is defined');
    },
  },
  {
    name: 'bad value names the full label key',
    labels: { 'traefik.http.services.s.loadbalancer.server.port': 'eighty' },
    expect: (d) => {
      expect(d.issues).toEqual([
        expect.objectContaining({ code: 'WHARF_CONFIG_BAD_VALUE', path: 'traefik.http.services.s.loadbalancer.server.port', expected: 'an integer' }),
      ]);
    },
  },
  {
    name: 'weighted services from labels (wharf extension)',
    labels: {
      'traefik.http.services.canary.weighted.services[0].name': 'v1',
      'traefik.http.services.canary.weighted.services[0].weight': '90',
      'traefik.http.services.canary.weighted.services[1].name': 'v2',
      'traefik.http.services.canary.weighted.services[1].weight': '10',
    },
    expect: (d) => {
      expect(d.issues).toEqual([]);
      expect(d.http.services.canary).toEqual({ weighted: { services: [{ name: 'v1', weight: 90 }, { name: 'v2', weight: 10 }] } });
    },
  },
  {
    name: 'middleware with two types and an unknown section',
    labels: {
      'traefik.http.middlewares.m.compress': 'true',
      'traefik.http.middlewares.m.stripprefix.prefixes': '/a',
      'traefik.http.routerz.r.rule': 'x',
    },
    expect: (d) => {
      expect(d.http.middlewares).toEqual({});
      expect(d.issues.map((i) => i.code).sort()).toEqual(['WHARF_CONFIG_UNKNOWN_KEY', 'WHARF_LABEL_MIDDLEWARE_TYPE']);
      expect(d.issues.find((i) => i.code === 'WHARF_CONFIG_UNKNOWN_KEY')?.suggestion).toBe('routers');
    },
  },
  {
    name: 'names with @ are rejected',
    labels: { 'traefik.http.routers.api@docker.rule': 'Path(`/`)', 'traefik.http.routers.ok.rule': 'Path(`/`)' },
    expect: (d) => {
      expect(Object.keys(d.http.routers)).toEqual(['ok']);
      expect(d.issues).toEqual([expect.objectContaining({ code: 'WHARF_CONFIG_BAD_NAME', path: 'traefik.http.routers.api@docker' })]);
    },
  },
  {
    name: 'tcp and udp kept as raw trees',
    labels: {
      'traefik.tcp.routers.db.rule': 'HostSNI(`*`)',
      'traefik.tcp.services.db.loadbalancer.server.port': '5432',
      'traefik.udp.services.dns.loadbalancer.server.port': '53',
    },
    expect: (d) => {
      expect(d.issues).toEqual([]);
      expect(d.tcp.routers.db).toEqual({ rule: 'HostSNI(`*`)' });
      expect(d.tcp.services.db).toEqual({ loadbalancer: { server: { port: '5432' } } });
      expect(d.udp.services.dns).toEqual({ loadbalancer: { server: { port: '53' } } });
    },
  },
];

describe('decodeLabels', () => {
  it.each(cases)('$name', ({ labels, expect: check }) => {
    check(decodeLabels(labels));
  });
});

describe('decodeLabels: one option spelled in several cases', () => {
  it('merges case variants of the same object key, as Traefik does', () => {
    const { http, issues } = decodeLabels({
      'traefik.http.services.web.loadbalancer.server.port': '8080',
      'traefik.http.services.web.LoadBalancer.sticky.cookie.name': 'pin',
    });
    expect(issues).toEqual([]);
    expect(http.services.web?.loadBalancer).toMatchObject({ server: { port: 8080 }, sticky: { cookie: { name: 'pin' } } });
  });
});

describe('decodeLabels: the tls root', () => {
  it('decodes Traefik tls labels through the schema, per element', () => {
    const { tls, issues } = decodeLabels({
      'traefik.tls.stores.default.defaultgeneratedcert.resolver': 'le',
      'traefik.tls.stores.default.defaultgeneratedcert.domain.main': 'example.com',
      'traefik.tls.stores.default.defaultgeneratedcert.domain.sans': 'a.example.com, b.example.com',
      'traefik.tls.options.strict.snistrict': 'true',
      'traefik.tls.options.strict.curvepreferences': 'CurveP256,X25519',
      'traefik.tls.options.typo.minverson': 'VersionTLS13',
    });
    expect(tls).toEqual({
      stores: { default: { defaultGeneratedCert: { resolver: 'le', domain: { main: 'example.com', sans: ['a.example.com', 'b.example.com'] } } } },
      options: { strict: { sniStrict: true, curvePreferences: ['CurveP256', 'X25519'] } },
    });
    expect(issues).toEqual([
      expect.objectContaining({ code: 'WHARF_CONFIG_UNKNOWN_KEY', path: 'traefik.tls.options.typo.minverson', suggestion: 'minVersion' }),
    ]);
  });
});
