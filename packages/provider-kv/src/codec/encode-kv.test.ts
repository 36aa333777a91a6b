import type { DynamicConfig } from '@wharf/config';
import { describe, expect, it } from 'vitest';
import { decodeKv } from './decode-kv.js';
import { encodeKv } from './encode-kv.js';

const roundTrip = (config: DynamicConfig, rootKey = 'traefik') => {
  const { pairs, issues } = encodeKv(config, rootKey);
  expect(issues).toEqual([]);
  return decodeKv(pairs, { rootKey, provider: 'redis', source: 'test' });
};

const sample: DynamicConfig = {
  http: {
    routers: {
      api: {
        rule: 'Host(`api.example`) && PathPrefix(`/v1`)',
        entryPoints: ['web', 'websecure'],
        middlewares: Array.from({ length: 12 }, (_, i) => `m${i}`),
        service: 'api',
        priority: 10,
        tls: { certResolver: 'le', domains: [{ main: 'api.example', sans: ['www.api.example'] }] },
      },
      plain: { rule: 'Path(`/`)', service: 'api', tls: {} },
    },
    services: {
      api: {
        loadBalancer: {
          servers: Array.from({ length: 11 }, (_, i) => ({ url: `http://10.0.0.${i}:8080`, weight: i + 1 })),
          passHostHeader: false,
          sticky: { cookie: { name: 'pin', secure: true } },
          healthCheck: { path: '/health', interval: '5s', headers: { 'X-Probe': 'wharf' } },
        },
      },
      canary: { weighted: { services: [{ name: 'api', weight: 9 }, { name: 'api2', weight: 1 }] } },
    },
    middlewares: {
      strip: { stripPrefix: { prefixes: ['/a', '/b'] } },
      gz: { compress: {} },
      hdr: { headers: { customRequestHeaders: { 'X-Forwarded-Proto': 'https' } } },
    },
  },
  tcp: {
    routers: { db: { rule: 'HostSNI(`*`)', entryPoints: ['pg'], service: 'db' } },
    services: { db: { loadBalancer: { servers: [{ address: '10.0.0.5:5432' }] } } },
  },
  tls: { certificates: [{ certFile: '/c/a.pem', keyFile: '/c/a.key', stores: ['default'] }] },
};

describe('encodeKv', () => {
  it('writes Traefik layout keys', () => {
    const { pairs } = encodeKv(sample, 'traefik');
    const map = new Map(pairs.map((p) => [p.key, p.value]));
    expect(map.get('traefik/http/routers/api/rule')).toBe('Host(`api.example`) && PathPrefix(`/v1`)');
    expect(map.get('traefik/http/routers/api/entryPoints/0')).toBe('web');
    expect(map.get('traefik/http/routers/api/entryPoints/1')).toBe('websecure');
    expect(map.get('traefik/http/routers/plain/tls')).toBe('');
    expect(map.get('traefik/http/routers/api/tls/domains/0/sans/0')).toBe('www.api.example');
    expect(map.get('traefik/http/services/api/loadBalancer/servers/00/url')).toBe('http://10.0.0.0:8080');
    expect(map.get('traefik/http/services/api/loadBalancer/servers/10/url')).toBe('http://10.0.0.10:8080');
    expect(map.get('traefik/http/routers/api/middlewares/11')).toBe('m11');
    expect(map.get('traefik/http/middlewares/gz/compress')).toBe('');
    expect(map.get('traefik/tls/certificates/0/certFile')).toBe('/c/a.pem');
    expect([...map.keys()].every((k) => k.startsWith('traefik/'))).toBe(true);
  });

  it('round-trips through decodeKv, list order included (padded indexes past ten items)', () => {
    const { config, diagnostics } = roundTrip(sample);
    expect(diagnostics).toEqual([]);
    expect(config).toEqual(sample);
  });

  it('round-trips under a nested root key', () => {
    expect(roundTrip(sample, 'edge/prod').config).toEqual(sample);
  });

  it('writes nothing for empty sections; an empty config is no keys', () => {
    expect(encodeKv({ http: { routers: {}, services: {}, middlewares: {} } }, 'traefik')).toEqual({ pairs: [], issues: [] });
  });

  it('reports what the layout cannot carry', () => {
    const config: DynamicConfig = {
      http: { routers: { 'a/b': { rule: 'Path(`/`)' }, r: { rule: 'Path(`/`)', entryPoints: ['web,websecure'] } }, services: {}, middlewares: {} },
    };
    const { issues } = encodeKv(config, 'traefik');
    expect(issues.map((i) => [i.code, i.key])).toEqual([
      ['WHARF_KV_NOT_ENCODABLE', 'traefik/http/routers/a/b'],
      ['WHARF_KV_NOT_ENCODABLE', 'traefik/http/routers/r/entryPoints/0'],
    ]);
  });
});
