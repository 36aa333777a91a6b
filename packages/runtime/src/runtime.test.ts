import { PassThrough } from 'node:stream';
import type { RuntimeEvent } from '@wharf/config';
import { describe, expect, it } from 'vitest';
import { textOf } from './fixtures/fakes.js';
import { config, lb, okHandler, testRuntime } from './fixtures/runtime.js';

describe('compile + route', () => {
  it('routes by priority: longer rule first, explicit priority overrides', async () => {
    const { runtime, request } = testRuntime();
    runtime.apply(
      config({
        routers: {
          'short@docker': { rule: 'Host(`a.example`)', service: 'one@docker' },
          'long@docker': { rule: 'Host(`a.example`) && PathPrefix(`/api`)', service: 'two@docker' },
          'pinned@docker': { rule: 'Host(`b.example`)', service: 'one@docker', priority: 1 },
          'catchall@docker': { rule: 'PathPrefix(`/`)', service: 'two@docker', priority: 2 },
        },
        services: { 'one@docker': lb('http://one:80'), 'two@docker': lb('http://two:80') },
      }),
    );
    expect((await request({ host: 'a.example', url: '/api/x' }))!.ex.routerName).toBe('long@docker');
    expect((await request({ host: 'a.example', url: '/other' }))!.ex.routerName).toBe('short@docker');
    expect((await request({ host: 'b.example', url: '/' }))!.ex.routerName).toBe('catchall@docker');
    const res = await request({ host: 'a.example', url: '/api/x' });
    expect(await textOf(res!)).toBe('http://two:80/api/x');
  });

  it('parses with the router ruleSyntax, else the static defaultRuleSyntax', async () => {
    const v2Rule = 'Host(`a`, `b`)';
    const { runtime, request } = testRuntime();
    runtime.apply(
      config({
        routers: { 'old@docker': { rule: v2Rule, ruleSyntax: 'v2', service: 's@docker' }, 'new@docker': { rule: v2Rule, service: 's@docker' } },
        services: { 's@docker': lb('http://s:80') },
      }),
    );
    expect(runtime.source.view().routers['old@docker']!.status).toBe('enabled');
    expect(runtime.source.view().routers['new@docker']!.status).toBe('disabled');
    expect((await request({ host: 'b' }))!.ex.routerName).toBe('old@docker');
    const legacy = testRuntime({ defaultRuleSyntax: 'v2' });
    legacy.runtime.apply(config({ routers: { 'r@docker': { rule: v2Rule, service: 's@docker' } }, services: { 's@docker': lb('http://s:80') } }));
    expect(legacy.runtime.source.view().routers['r@docker']!.status).toBe('enabled');
  });

  it('scopes routers to their entrypoints; no match → undefined (404)', async () => {
    const { runtime, request } = testRuntime();
    runtime.apply(
      config({
        routers: { 'r@docker': { rule: 'Host(`a`)', service: 's@docker', entryPoints: ['websecure'] } },
        services: { 's@docker': lb('http://s:80') },
      }),
    );
    expect(await request({ host: 'a', entryPoint: 'web' })).toBeUndefined();
    expect((await request({ host: 'a', entryPoint: 'websecure' }))!.status).toBe(200);
    expect(await request({ host: 'zzz', entryPoint: 'websecure' })).toBeUndefined();
  });

  it('chain order: entrypoint → router (listed order) → service middlewares → server', async () => {
    const { runtime, request, calls } = testRuntime({
      entryPoints: [{ name: 'web', address: ':80', middlewares: ['ep@file'] }],
    });
    runtime.apply(
      config({
        routers: { 'r@docker': { rule: 'Host(`a`)', service: 's@docker', middlewares: ['r2@docker', 'r1@docker'] } },
        services: { 's@docker': { ...lb('http://s:80'), middlewares: ['svc@docker'] } },
        middlewares: {
          'ep@file': { tag: { label: 'ep' } },
          'r1@docker': { tag: { label: 'r1' } },
          'r2@docker': { chain: { middlewares: ['c1@docker', 'c2'] } },
          'c1@docker': { tag: { label: 'c1' } },
          'c2@docker': { tag: { label: 'c2' } },
          'svc@docker': { tag: { label: 'svc' } },
        },
      }),
    );
    expect(runtime.source.view().routers['r@docker']!.error).toBeUndefined();
    await request({ host: 'a' });
    expect(calls.at(-1)!.trail).toEqual(['ep', 'c1', 'c2', 'r1', 'svc']);
  });

  it('answers 503 `no available server` with the coded error when the pool is empty', async () => {
    const { runtime, request } = testRuntime();
    runtime.apply(config({ routers: { 'r@docker': { rule: 'Host(`a`)', service: 's@docker' } }, services: { 's@docker': lb() } }));
    const res = (await request({ host: 'a' }))!;
    expect(res.status).toBe(503);
    expect(await textOf(res)).toBe('no available server\n');
    expect(res.error?.code).toBe('WHARF_NO_AVAILABLE_SERVER');
  });

  it('appends the sticky Set-Cookie from the pick and honours it', async () => {
    const { runtime, request } = testRuntime();
    runtime.apply(
      config({
        routers: { 'r@docker': { rule: 'Host(`a`)', service: 's@docker' } },
        services: {
          's@docker': {
            loadBalancer: { servers: [{ url: 'http://x:80' }, { url: 'http://y:80' }], sticky: { cookie: { name: 'pin', httpOnly: true } } },
          },
        },
      }),
    );
    const first = (await request({ host: 'a' }))!;
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(/^pin=[0-9a-f]+; Path=\/; HttpOnly/);
    expect(setCookie).not.toContain('http://');
    const cookie = setCookie.split(';')[0]!;
    for (let i = 0; i < 4; i++) {
      const again = (await request({ host: 'a', headers: { cookie } }))!;
      expect(again.ex.serverURL).toBe(first.ex.serverURL);
    }
  });

  it('serves internal services and the built-in noop@internal', async () => {
    const { runtime, request } = testRuntime({ internalServices: { 'api@internal': okHandler('api!') } });
    runtime.apply(
      config({
        routers: {
          'api@file': { rule: 'PathPrefix(`/api`)', service: 'api@internal' },
          'redir@file': { rule: 'PathPrefix(`/`)', service: 'noop@internal' },
        },
      }),
    );
    expect(await textOf((await request({ url: '/api/overview' }))!)).toBe('api!');
    expect((await request({ url: '/x' }))!.status).toBe(418);
  });

  it('a middleware whose create throws is disabled, and so are its routers', async () => {
    const { runtime, request } = testRuntime();
    runtime.apply(
      config({
        routers: {
          'bad@docker': { rule: 'Host(`a`)', service: 's@docker', middlewares: ['x@docker'] },
          'good@docker': { rule: 'Host(`b`)', service: 's@docker' },
        },
        services: { 's@docker': lb('http://s:80') },
        middlewares: { 'x@docker': { explode: {} } },
      }),
    );
    expect(await request({ host: 'a' })).toBeUndefined();
    expect((await request({ host: 'b' }))!.status).toBe(200);
    const view = runtime.source.view();
    expect(view.middlewares['x@docker']!.status).toBe('disabled');
    expect(view.middlewares['x@docker']!.error![0]).toContain('boom at create');
    expect(view.routers['bad@docker']!.status).toBe('disabled');
    expect(view.routers['bad@docker']!.error).toEqual(['middleware "x@docker" is disabled: cannot create middleware: boom at create']);
  });
});

describe('robustness', () => {
  it('apply never throws on malformed input; bad elements are disabled, the rest served', async () => {
    const errors: string[] = [];
    const logger = { debug() {}, info() {}, warn() {}, error: (msg: string, f?: Record<string, unknown>) => errors.push(`${msg} ${String((f?.['err'] as Error)?.stack)}`) };
    const { runtime, request } = testRuntime({ logger });
    runtime.apply({} as never);
    runtime.apply({ http: { routers: null, services: undefined, middlewares: {} } } as never);
    runtime.apply(
      config({
        routers: {
          'null@x': null as never,
          'weird@x': { rule: 42, service: ['s'] } as never,
          'ok@x': { rule: 'Host(`a`)', service: 's@x' },
        },
        services: { 'odd@x': { loadBalancer: { servers: 'http://a' } } as never, 's@x': lb('http://s:80') },
        middlewares: { 'm@x': 'stripPrefix' as never },
      }),
    );
    const view = runtime.source.view();
    expect(view.routers['null@x']!.status).toBe('disabled');
    expect(view.routers['weird@x']!.status).toBe('disabled');
    expect(view.services['odd@x']!.status).toBe('disabled');
    expect(view.middlewares['m@x']!.status).toBe('disabled');
    expect((await request({ host: 'a' }))!.status).toBe(200);
    expect(errors).toEqual([]);
    expect(runtime.current().id).toBe(3);
  });
});

/** One router `a` → service over `http://s:80`, through a recording `tag` middleware. */
const taggedConfig = () =>
  config({
    routers: { 'r@docker': { rule: 'Host(`a`)', service: 's@docker', middlewares: ['m@docker'] } },
    services: { 's@docker': lb('http://s:80') },
    middlewares: { 'm@docker': { tag: { label: 'm' } } },
  });

describe('generations', () => {
  it('shares a middleware between routers, except router-scoped ones (circuitBreaker) which get one each', async () => {
    const { runtime, request, created } = testRuntime();
    runtime.apply(
      config({
        routers: {
          'a@docker': { rule: 'Host(`a`)', service: 's@docker', middlewares: ['shared@docker', 'own@docker'] },
          'b@docker': { rule: 'Host(`b`)', service: 's@docker', middlewares: ['shared@docker', 'own@docker'] },
        },
        services: { 's@docker': lb('http://s:80') },
        middlewares: { 'shared@docker': { tag: { label: 's' } }, 'own@docker': { perRouterTag: { label: 'o' } } },
      }),
    );
    await request({ host: 'a' });
    await request({ host: 'b' });
    expect(created.filter((c) => c.name === 'shared@docker')).toHaveLength(1);
    expect(created.filter((c) => c.name === 'own@docker')).toHaveLength(2);
    runtime.close();
  });

  it('creates middlewares once per generation with the generation signal, aborted after the swap', async () => {
    const { runtime, request, created } = testRuntime();
    const cfg = taggedConfig();
    runtime.apply(cfg);
    await request({ host: 'a' });
    await request({ host: 'a' });
    expect(created).toHaveLength(1);
    runtime.apply(cfg);
    expect(created).toHaveLength(2);
    expect(created[0]!.signal.aborted).toBe(true);
    expect(created[1]!.signal.aborted).toBe(false);
    runtime.close();
  });

  it('aborts the old generation only after its in-flight responses end', async () => {
    const body = new PassThrough();
    const { runtime, request, created } = testRuntime({ script: () => ({ status: 200, headers: {}, body }) });
    const cfg = taggedConfig();
    runtime.apply(cfg);
    const firstId = runtime.current().id;
    const res = (await request({ host: 'a' }))!;
    runtime.apply(cfg);
    expect(runtime.current().id).toBe(firstId + 1);
    expect(created[0]!.signal.aborted).toBe(false);
    body.end('done');
    expect(await textOf(res)).toBe('done');
    await new Promise((r) => setImmediate(r));
    expect(created[0]!.signal.aborted).toBe(true);
  });

  it('close() aborts retiring generations too', async () => {
    const { runtime, request, created } = testRuntime({ script: () => ({ status: 200, headers: {}, body: new PassThrough() }) });
    const cfg = taggedConfig();
    runtime.apply(cfg);
    await request({ host: 'a' });
    runtime.apply(cfg);
    expect(created[0]!.signal.aborted).toBe(false);
    runtime.close();
    expect(created.every((c) => c.signal.aborted)).toBe(true);
  });

  it('aborts after the grace timeout when a response never ends', async () => {
    const { runtime, request, created } = testRuntime({ retireGraceMs: 20, script: () => ({ status: 200, headers: {}, body: new PassThrough() }) });
    const cfg = taggedConfig();
    runtime.apply(cfg);
    await request({ host: 'a' });
    runtime.apply(cfg);
    const deadline = Date.now() + 5000;
    while (!created[0]!.signal.aborted && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(created[0]!.signal.aborted).toBe(true);
  });

  it('emits generation, status and diagnostics events', () => {
    const { runtime } = testRuntime();
    const events: RuntimeEvent[] = [];
    runtime.source.subscribe((e) => events.push(e));
    const base = { routers: { 'r@docker': { rule: 'Host(`a`)', service: 's@docker' } }, services: { 's@docker': lb('http://s:80') } };
    runtime.apply(config(base));
    expect(events.map((e) => e.type)).toEqual(['generation', 'router-status', 'service-status']);
    events.length = 0;
    runtime.apply(config(base));
    expect(events.map((e) => e.type)).toEqual(['generation']);
    events.length = 0;
    runtime.apply(config({ ...base, services: {} }), [{ provider: 'docker', source: 'c', code: 'X', severity: 'error', message: 'm' }]);
    expect(events).toContainEqual({ type: 'router-status', name: 'r@docker', status: 'disabled', error: ['the service "s@docker" does not exist'] });
    expect(events).toContainEqual({ type: 'diagnostics', count: 1 });
  });

  it('keeps the latest state per provider and sends it as a provider-state event', () => {
    const { runtime } = testRuntime();
    const events: RuntimeEvent[] = [];
    runtime.source.subscribe((e) => events.push(e));
    const since = '2026-12-02T10:00:00.000Z';
    runtime.reportProviderState({ name: 'docker', state: 'starting', since, restarts: 0 });
    runtime.reportProviderState({ name: 'file', state: 'connected', since, restarts: 0 });
    runtime.reportProviderState({ name: 'docker', state: 'retrying', since, restarts: 1 });
    expect(runtime.source.providerStates?.().map((s) => `${s.name}:${s.state}`)).toEqual(['docker:retrying', 'file:connected']);
    expect(events.filter((e) => e.type === 'provider-state')).toHaveLength(3);
  });
});

describe('chains', () => {
  it('a chain including a middleware whose create fails is disabled, with the reason', async () => {
    const { runtime, request } = testRuntime();
    runtime.apply(
      config({
        routers: { 'r@file': { rule: 'Host(`a`)', service: 's@file', middlewares: ['c@file'] } },
        services: { 's@file': lb('http://s:80') },
        middlewares: { 'c@file': { chain: { middlewares: ['x'] } }, 'x@file': { explode: {} } },
      }),
    );
    expect(await request({ host: 'a' })).toBeUndefined();
    const view = runtime.source.view();
    expect(view.middlewares['c@file']!.error![0]).toBe('cannot create middleware: middleware "x@file" is disabled: cannot create middleware: boom at create');
    expect(view.routers['r@file']!.error![0]).toMatch(/^middleware "c@file" is disabled: /);
  });
});
