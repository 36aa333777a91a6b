import type { DynamicConfig, HttpConfiguration } from '@wharf/config';
import { describe, expect, it } from 'vitest';
import { defaultDeps } from '../default-deps.js';
import { recordingMiddlewares } from '../fixtures/fakes.js';
import { defaultEntryPoints } from './router.js';
import { validateConfig } from './validate-config.js';
import type { EntryPointSpec } from './validated.js';

const entryPoints: EntryPointSpec[] = [
  { name: 'web', address: ':80' },
  { name: 'websecure', address: ':443' },
  { name: 'traefik', address: ':8080' },
];
const deps = { ...defaultDeps, ...recordingMiddlewares().deps };
const lb = (url = 'http://10.0.0.1:80') => ({ loadBalancer: { servers: [{ url }] } });

function validate(http: Partial<HttpConfiguration>, extra: Partial<DynamicConfig> = {}) {
  const config: DynamicConfig = { http: { routers: {}, services: {}, middlewares: {}, ...http }, ...extra };
  return validateConfig(config, { entryPoints, defaultRuleSyntax: 'v3', deps, internalServices: ['api@internal', 'noop@internal'] });
}

describe('router validation', () => {
  const svc = { 's@docker': lb() };
  it.each([
    ['missing service', { service: 'x@docker' }, 'disabled', 'the service "x@docker" does not exist'],
    ['missing middleware', { service: 's@docker', middlewares: ['x@docker'] }, 'disabled', 'middleware "x@docker" does not exist'],
    ['unknown entrypoint', { service: 's@docker', entryPoints: ['web', 'nope'] }, 'warning', 'entryPoint "nope" doesn\'t exist'],
    ['no valid entrypoint', { service: 's@docker', entryPoints: ['nope'] }, 'disabled', 'no valid entryPoint for this router'],
    ['bad rule', { service: 's@docker', rule: 'Host(`a`' }, 'disabled', 'error while parsing rule Host(`a`'],
    ['no rule', { service: 's@docker', rule: '' }, 'disabled', 'the router has no rule'],
    ['priority too high', { service: 's@docker', priority: 2 ** 63 }, 'disabled', 'exceeds the max user-defined priority'],
    ['no service', { service: undefined }, 'disabled', 'the router has no service'],
  ])('%s', (_label, router, status, message) => {
    const v = validate({ routers: { 'r@docker': { rule: 'Host(`a.example`)', ...router } }, services: svc });
    const r = v.routers['r@docker']!;
    expect(r.status).toBe(status);
    expect(r.errors.some((e) => e.includes(message))).toBe(true);
  });

  it('a valid router: default priority = rule length, default entrypoints skip `traefik`', () => {
    const v = validate({ routers: { 'r@docker': { rule: 'Host(`example.org`)', service: 's@docker' } }, services: svc });
    const r = v.routers['r@docker']!;
    expect(r).toMatchObject({ status: 'enabled', errors: [], priority: 19, using: ['web', 'websecure'] });
    expect(v.services['s@docker']!.usedBy).toEqual(['r@docker']);
  });

  it('schema-level problems disable the router; label strings are coerced', () => {
    const v = validate({
      routers: {
        'bad@docker': { rule: 'Host(`a`)', service: 's@docker', priority: 'high' as never },
        'str@docker': { rule: 'Host(`a`)', service: 's@docker', priority: '10' as never },
      },
      services: svc,
    });
    expect(v.routers['bad@docker']!.status).toBe('disabled');
    expect(v.routers['bad@docker']!.errors[0]).toContain('http.routers.bad.priority');
    expect(v.routers['str@docker']).toMatchObject({ status: 'enabled', priority: 10 });
  });

  it('asDefault entrypoints win when any is marked', () => {
    expect(defaultEntryPoints([{ name: 'a', address: ':1' }, { name: 'b', address: ':2', asDefault: true }])).toEqual(['b']);
  });

  it('internal services may be referenced', () => {
    const v = validate({ routers: { 'r@docker': { rule: 'PathPrefix(`/api`)', service: 'api@internal' } } });
    expect(v.routers['r@docker']!.status).toBe('enabled');
  });

  it('a disabled service disables its routers with the reason', () => {
    const v = validate({
      routers: { 'r@docker': { rule: 'Host(`a`)', service: 'bad@docker' } },
      services: { 'bad@docker': { ...lb(), weighted: { services: [] } } },
    });
    expect(v.services['bad@docker']!.errors[0]).toContain('multi-types service not supported');
    expect(v.routers['r@docker']!.status).toBe('disabled');
    expect(v.routers['r@docker']!.errors[0]).toMatch(/^the service "bad@docker" is disabled: multi-types service not supported/);
  });

  it('entrypoint default middlewares must exist', () => {
    const eps: EntryPointSpec[] = [{ name: 'web', address: ':80', middlewares: ['auth@file'] }];
    const v = validateConfig(
      { http: { routers: { 'r@docker': { rule: 'Host(`a`)', service: 's@docker' } }, services: svc, middlewares: {} } },
      { entryPoints: eps, defaultRuleSyntax: 'v3', deps, internalServices: [] },
    );
    expect(v.routers['r@docker']!.errors).toEqual(['middleware "auth@file" does not exist']);
  });
});

describe('service validation', () => {
  it.each([
    ['no type', {}, 'the service has no type'],
    ['two types', { ...lb(), failover: { service: 'a', fallback: 'b' } }, 'multi-types service not supported'],
    ['bad server URL', lb('not a url'), 'error parsing server URL not a url'],
    ['bad scheme', lb('ftp://x'), 'unsupported scheme "ftp"'],
    ['missing child', { weighted: { services: [{ name: 'ghost@file' }] } }, 'the service "ghost@file" does not exist'],
    ['missing fallback', { failover: { service: 'ok@file' } }, '"fallback" is required'],
    ['missing middleware', { ...lb(), middlewares: ['x@file'] }, 'middleware "x@file" does not exist'],
  ])('%s → disabled', (_label, service, message) => {
    const v = validate({ services: { 'x@file': service as never, 'ok@file': lb() } });
    expect(v.services['x@file']!.status).toBe('disabled');
    expect(v.services['x@file']!.errors.join('\n')).toContain(message);
    expect(v.services['ok@file']!.status).toBe('enabled');
  });

  it('a negative or too long duration disables the element that holds it, naming the key (issue 11, hole 7)', () => {
    const v = validate({
      services: {
        'neg@file': { loadBalancer: { servers: [{ url: 'http://10.0.0.1' }], healthCheck: { path: '/', interval: '-5s' } } } as never,
        'long@file': { loadBalancer: { servers: [{ url: 'http://10.0.0.1' }], healthCheck: { path: '/', timeout: 3e6 } } } as never,
        'ok@file': lb(),
      },
    });
    expect(v.services['neg@file']!.status).toBe('disabled');
    expect(v.services['neg@file']!.errors.join('\n')).toMatch(/healthCheck\.interval: -5s must not be negative/);
    expect(v.services['long@file']!.errors.join('\n')).toMatch(/healthCheck\.timeout: 3000000 is longer than a timer can hold/);
    expect(v.services['ok@file']!.status).toBe('enabled');
  });

  it('names every service kind of the table when none is set', () => {
    expect(validate({ services: { 'x@file': {} } }).services['x@file']!.errors).toEqual([
      'the service has no type: set one of loadBalancer, weighted, mirroring, failover',
    ]);
  });

  it('cycles disable every member', () => {
    const v = validate({
      services: {
        'a@file': { weighted: { services: [{ name: 'b@file' }] } },
        'b@file': { failover: { service: 'a@file', fallback: 'c@file' } },
        'c@file': lb(),
      },
    });
    expect(v.services['a@file']!.status).toBe('disabled');
    expect(v.services['b@file']!.errors.join()).toContain('service cycle detected');
    expect(v.services['c@file']!.status).toBe('enabled');
  });

  it('checks loadBalancer.strategy against the strategy registry, with the valid names and "did you mean"', () => {
    const strategy = (name: string) => ({ loadBalancer: { servers: [{ url: 'http://10.0.0.1:80' }], strategy: name } });
    const v = validate({ services: { 'typo@file': strategy('leastcon'), 'far@file': strategy('random'), 'ok@file': lb() } });
    expect(v.services['typo@file']!.status).toBe('disabled');
    expect(v.services['typo@file']!.errors).toEqual([
      'http.services.typo.loadBalancer.strategy: unknown load-balancing strategy "leastcon", expected one of wrr, p2c, leastconn, hrw, leasttime (did you mean "leastconn"?)',
    ]);
    expect(v.services['far@file']!.errors).toEqual([
      'http.services.far.loadBalancer.strategy: unknown load-balancing strategy "random", expected one of wrr, p2c, leastconn, hrw, leasttime',
    ]);
    expect(v.services['ok@file']!.status).toBe('enabled');
  });

  it('writes a known strategy in the registry spelling (names match case-insensitively)', () => {
    const v = validate({ services: { 's@file': { loadBalancer: { servers: [{ url: 'http://10.0.0.1:80' }], strategy: ' P2C ' } } } });
    expect(v.services['s@file']!.status).toBe('enabled');
    expect(v.services['s@file']!.config.loadBalancer?.strategy).toBe('p2c');
  });
});

describe('middleware validation', () => {
  it('unknown type with "did you mean"', () => {
    const v = validate({ middlewares: { 'm@docker': { stripPrefx: { prefixes: ['/a'] } } } });
    expect(v.middlewares['m@docker']!.status).toBe('disabled');
    expect(v.middlewares['m@docker']!.errors[0]).toContain('did you mean "stripPrefix"');
  });

  it('a header value with CR/LF disables the headers middleware with the error (issue 11, hole 9)', () => {
    const real = { ...defaultDeps };
    const v = validateConfig(
      { http: { routers: { 'r@file': { rule: 'Path(`/`)', service: 's@file', middlewares: ['h@file'] } }, services: { 's@file': lb() }, middlewares: { 'h@file': { headers: { customResponseHeaders: { 'X-Split': 'a\r\nSet-Cookie: x=1' } } } } } },
      { entryPoints, defaultRuleSyntax: 'v3', deps: real, internalServices: [] },
    );
    expect(v.middlewares['h@file']!.status).toBe('disabled');
    expect(v.middlewares['h@file']!.errors.join('\n')).toMatch(/customResponseHeaders\.X-Split.*header value without CR, LF/);
    expect(v.routers['r@file']!.status).toBe('disabled');
  });

  it('decodes options with the schema (label strings coerced, keys case-insensitive)', () => {
    const v = validate({ middlewares: { 'm@docker': { tag: { label: 'x', count: '3' } } } });
    expect(v.middlewares['m@docker']).toMatchObject({ status: 'enabled', options: { label: 'x', count: 3 } });
  });

  it('option issues disable the middleware and the routers using it', () => {
    const v = validate({
      routers: { 'r@docker': { rule: 'Host(`a`)', service: 's@docker', middlewares: ['m@docker'] } },
      services: { 's@docker': lb() },
      middlewares: { 'm@docker': { tag: { count: 'many' } } },
    });
    expect(v.middlewares['m@docker']!.status).toBe('disabled');
    expect(v.middlewares['m@docker']!.errors.length).toBeGreaterThan(0);
    expect(v.middlewares['m@docker']!.usedBy).toEqual(['r@docker']);
    expect(v.routers['r@docker']!.status).toBe('disabled');
    expect(v.routers['r@docker']!.errors[0]).toMatch(/^middleware "m@docker" is disabled: /);
  });

  it('chains with missing members or cycles are disabled', () => {
    const v = validate({
      middlewares: {
        'a@file': { chain: { middlewares: ['b@file'] } },
        'b@file': { chain: { middlewares: ['a@file'] } },
        'c@file': { chain: { middlewares: ['ghost@file'] } },
      },
    });
    expect(v.middlewares['a@file']!.status).toBe('disabled');
    expect(v.middlewares['b@file']!.errors.join()).toContain('middleware cycle detected');
    expect(v.middlewares['c@file']!.errors).toEqual(['middleware "ghost@file" does not exist']);
  });

  it('multi-type middlewares are rejected', () => {
    const v = validate({ middlewares: { 'm@file': { tag: { label: 'a' }, chain: { middlewares: [] } } } });
    expect(v.middlewares['m@file']!.errors[0]).toContain('multi-types middleware not supported');
  });
});

describe('TLS options conflicts after the entrypoint models (Traefik: applyModel, then resolveHTTPTLSOptions)', () => {
  it("a model's tls counts, copies are named from the model copy, and usedBy lists the conflicted copies", () => {
    const withModel: EntryPointSpec[] = [{ name: 'web', address: ':80' }, { name: 'websecure', address: ':443', tls: { options: 'strict' } }];
    const v = validateConfig(
      {
        http: {
          routers: {
            'app@docker': { rule: 'Host(`app.example`)', service: 's@docker', entryPoints: ['web', 'websecure'] },
            'other@file': { rule: 'Host(`APP.example`) && Path(`/x`)', service: 's@docker', entryPoints: ['websecure'], tls: {} },
          },
          services: { 's@docker': lb() },
          middlewares: {},
        },
      },
      { entryPoints: withModel, defaultRuleSyntax: 'v3', deps, internalServices: [] },
    );
    expect(Object.keys(v.routers).sort()).toEqual(['app@docker', 'websecure-conflicted-other@file', 'websecure-conflicted-websecure-app@docker']);
    expect(v.routers['websecure-conflicted-websecure-app@docker']).toMatchObject({ tlsOptions: 'default', using: ['websecure'], config: { tls: { options: 'strict' } } });
    // the plaintext part on `web` is untouched
    expect(v.routers['app@docker']).toMatchObject({ status: 'enabled', using: ['web'] });
    expect(v.tlsConflicts.map((c) => c.router)).toEqual(['other@file', 'websecure-app@docker']);
    expect(v.services['s@docker']!.usedBy).toEqual(['app@docker', 'websecure-conflicted-other@file', 'websecure-conflicted-websecure-app@docker']);
  });
});
