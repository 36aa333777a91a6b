import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { decodeWithSchema } from '../decode/decode-with-schema.js';
import { DynamicConfigSchema, MiddlewareSpecSchema } from './dynamic.js';
import { RouterSchema } from './router.js';
import { ServiceSchema } from './service.js';

describe('decodeWithSchema', () => {
  it('matches keys case-insensitively and coerces strings', () => {
    const { value, issues } = decodeWithSchema(RouterSchema, {
      Rule: 'Host(`a`)',
      ENTRYPOINTS: 'web, websecure',
      priority: '42',
      tls: 'true',
      observability: { accessLogs: 'FALSE' },
    });
    expect(issues).toEqual([]);
    expect(value).toEqual({
      rule: 'Host(`a`)',
      entryPoints: ['web', 'websecure'],
      priority: 42,
      tls: {},
      observability: { accessLogs: false },
    });
  });

  it('keeps the case of user-chosen map keys', () => {
    const { value, issues } = decodeWithSchema(ServiceSchema, {
      loadbalancer: { healthcheck: { headers: { 'X-Probe': 'yes' } }, servers: [{ URL: 'http://a:80' }] },
    });
    expect(issues).toEqual([]);
    expect(value?.loadBalancer?.healthCheck?.headers).toEqual({ 'X-Probe': 'yes' });
    expect(value?.loadBalancer?.servers).toEqual([{ url: 'http://a:80' }]);
  });

  it('matches unions of literals case-insensitively', () => {
    const { value } = decodeWithSchema(ServiceSchema, {
      loadBalancer: { sticky: { cookie: { sameSite: 'Lax', maxAge: '60' } } },
      weighted: { sticky: { cookie: { sameSite: ' STRICT ' } } },
    });
    expect(value?.loadBalancer?.sticky?.cookie).toEqual({ sameSite: 'lax', maxAge: 60 });
    expect(value?.weighted?.sticky?.cookie).toEqual({ sameSite: 'strict' });
  });

  it('reports an unknown key with its full path and a suggestion', () => {
    const { value, issues } = decodeWithSchema(RouterSchema, { rule: 'Path(`/`)', entrypoint: 'web' }, { path: 'http.routers.api' });
    expect(value).toBeUndefined();
    expect(issues).toEqual([
      expect.objectContaining({ code: 'WHARF_CONFIG_UNKNOWN_KEY', path: 'http.routers.api.entrypoint', suggestion: 'entryPoints' }),
    ]);
    expect(issues[0]?.message).toContain('did you mean "entryPoints"');
  });

  it('omits the suggestion when nothing is close', () => {
    const { issues } = decodeWithSchema(RouterSchema, { zzzzzz: 1 });
    expect(issues[0]?.code).toBe('WHARF_CONFIG_UNKNOWN_KEY');
    expect(issues[0]?.suggestion).toBeUndefined();
  });

  it('reports wrong types with expected and got', () => {
    const { issues } = decodeWithSchema(ServiceSchema, {
      loadBalancer: { servers: [{ url: 'http://a', weight: 'heavy' }], sticky: { cookie: { sameSite: 'sometimes' } } },
    });
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatchObject({ code: 'WHARF_CONFIG_BAD_VALUE', path: 'loadBalancer.servers[0].weight', expected: 'an integer', got: '"heavy"' });
    expect(issues[1]).toMatchObject({ path: 'loadBalancer.sticky.cookie.sameSite', expected: 'one of none|lax|strict|' });
  });

  it('reports missing required keys and bad durations', () => {
    const { issues } = decodeWithSchema(ServiceSchema, {
      loadBalancer: { servers: [{ weight: 1 }], healthCheck: { interval: 'often', timeout: '5s' } },
    });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['WHARF_CONFIG_MISSING_KEY', 'loadBalancer.servers[0].url'],
      ['WHARF_CONFIG_BAD_VALUE', 'loadBalancer.healthCheck.interval'],
    ]);
  });

  it('accepts numbers and strings for durations', () => {
    const { value } = decodeWithSchema(ServiceSchema, {
      loadBalancer: { healthCheck: { interval: 10, timeout: '1m30s' } },
    });
    expect(value?.loadBalancer?.healthCheck).toEqual({ interval: 10, timeout: '1m30s' });
  });

  it('drops a presence object set to false', () => {
    const { value } = decodeWithSchema(RouterSchema, { tls: 'false', rule: 'Path(`/`)' });
    expect(value).toEqual({ rule: 'Path(`/`)' });
  });

  it('flags a key set twice in different case', () => {
    const { issues } = decodeWithSchema(RouterSchema, { rule: 'a', Rule: 'b' });
    expect(issues[0]?.code).toBe('WHARF_CONFIG_BAD_VALUE');
    expect(issues[0]?.message).toContain('set twice');
  });

  it('wraps scalars into lists and coerces numbers to strings', () => {
    const schema = Type.Object({ names: Type.Array(Type.String()), ports: Type.Array(Type.Integer()) });
    const { value } = decodeWithSchema(schema, { names: 12, ports: '80,443' });
    expect(value).toEqual({ names: ['12'], ports: [80, 443] });
  });

  it('keeps middleware specs loose but one-keyed', () => {
    expect(decodeWithSchema(MiddlewareSpecSchema, { stripPrefix: { prefixes: ['/a'] } }).value).toEqual({
      stripPrefix: { prefixes: ['/a'] },
    });
    expect(decodeWithSchema(MiddlewareSpecSchema, { compress: 'true' }).value).toEqual({ compress: {} });
    const two = decodeWithSchema(MiddlewareSpecSchema, { compress: {}, stripPrefix: {} }, { path: 'http.middlewares.m' });
    expect(two.issues[0]).toMatchObject({ code: 'WHARF_CONFIG_BAD_VALUE', path: 'http.middlewares.m' });
    expect(decodeWithSchema(MiddlewareSpecSchema, {}).issues).toHaveLength(1);
  });

  it('decodes a whole dynamic config and flags a service with no kind', () => {
    const { value, issues } = decodeWithSchema(DynamicConfigSchema, {
      http: {
        routers: { Api: { rule: 'Host(`x`)', service: 'api' } },
        services: { api: { loadBalancer: { servers: [{ url: 'http://10.0.0.1:80' }] } } },
        middlewares: { strip: { stripPrefix: { prefixes: ['/x'] } } },
      },
      tcp: { routers: { t: { rule: 'HostSNI(`*`)' } } },
    });
    expect(issues).toEqual([]);
    expect(Object.keys(value?.http?.routers ?? {})).toEqual(['Api']);
    expect(value?.tcp?.routers?.t).toEqual({ rule: 'HostSNI(`*`)' });
    expect(decodeWithSchema(ServiceSchema, {}).issues[0]?.code).toBe('WHARF_CONFIG_BAD_VALUE');
  });

  it('rejects non-objects where an object is expected', () => {
    const { issues } = decodeWithSchema(DynamicConfigSchema, { http: ['a'] });
    expect(issues[0]).toMatchObject({ path: 'http', expected: 'an object', got: 'a list' });
  });
});

describe('decodeWithSchema defaults', () => {
  it('fills absent properties that carry a default, including required ones', () => {
    const schema = Type.Object({
      endpoint: Type.String({ default: 'unix:///var/run/docker.sock' }),
      watch: Type.Boolean({ default: true }),
      buckets: Type.Optional(Type.Array(Type.Number(), { default: [0.1, 0.3] })),
      network: Type.Optional(Type.String()),
    });
    expect(decodeWithSchema(schema, 'true').value).toEqual({ endpoint: 'unix:///var/run/docker.sock', watch: true, buckets: [0.1, 0.3] });
    expect(decodeWithSchema(schema, { watch: 'false', network: 'web' }).value).toEqual({
      endpoint: 'unix:///var/run/docker.sock',
      watch: false,
      network: 'web',
      buckets: [0.1, 0.3],
    });
  });
});

describe('decodeWithSchema object defaults', () => {
  it('decodes an object default so nested defaults apply', () => {
    const schema = Type.Object({
      log: Type.Object({ level: Type.String({ default: 'ERROR' }), filePath: Type.Optional(Type.String()) }, { default: {} }),
    });
    expect(decodeWithSchema(schema, {}).value).toEqual({ log: { level: 'ERROR' } });
  });
});

describe('decodeWithSchema null values', () => {
  it('treats null leaves as absent and null objects as present', () => {
    const { value, issues } = decodeWithSchema(RouterSchema, { rule: null, priority: null, tls: null });
    expect(issues).toEqual([]);
    expect(value).toEqual({ tls: {} });
  });

  it('still reports a required key given as null', () => {
    const { issues } = decodeWithSchema(ServiceSchema, { loadBalancer: { servers: [{ url: null }] } });
    expect(issues[0]).toMatchObject({ code: 'WHARF_CONFIG_MISSING_KEY', path: 'loadBalancer.servers[0].url' });
  });
});

describe('decodeWithSchema constraints', () => {
  const schema = Type.Object({
    scheme: Type.String({ minLength: 1 }),
    ranges: Type.Array(Type.String({ pattern: '^\\d{3}$' }), { minItems: 1, maxItems: 2 }),
    ratio: Type.Number({ exclusiveMinimum: 0 }),
  });

  it('accepts values within bounds', () => {
    expect(decodeWithSchema(schema, { scheme: 'https', ranges: '500,502', ratio: '0.5' }).value).toEqual({
      scheme: 'https',
      ranges: ['500', '502'],
      ratio: 0.5,
    });
  });

  it('reports empty strings, item counts and exclusive bounds', () => {
    const { issues } = decodeWithSchema(schema, { scheme: '', ranges: '', ratio: 0 });
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ['scheme', 'scheme: must not be empty'],
      ['ranges', 'ranges: expected at least 1 item(s), got 0'],
      ['ratio', 'ratio: 0 must be greater than 0'],
    ]);
    expect(decodeWithSchema(schema, { scheme: 'h', ranges: '500,501,502', ratio: 1 }).issues[0]?.message).toContain('at most 2');
  });
});
