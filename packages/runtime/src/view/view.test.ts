import { describe, expect, it } from 'vitest';
import { config, lb, okHandler, testRuntime } from '../fixtures/runtime.js';

function sample() {
  const t = testRuntime({ internalServices: { 'api@internal': okHandler('api') }, providers: ['docker', 'file'] });
  t.runtime.apply(
    config({
      routers: {
        'web@docker': { rule: 'Host(`a.example`)', service: 'app@docker', middlewares: ['strip@docker'] },
        'api@file': { rule: 'Host(`a.example`) && PathPrefix(`/api`)', service: 'api@internal', entryPoints: ['websecure'] },
        'broken@docker': { rule: 'Host(`b`)', service: 'ghost@docker', entryPoints: ['web', 'nope'], tls: {} },
      },
      services: {
        'app@docker': { loadBalancer: { servers: [{ url: 'http://10.0.0.2:80' }, { url: 'http://10.0.0.3:80' }] } },
        'canary@file': { weighted: { services: [{ name: 'app@docker', weight: 1 }] } },
      },
      middlewares: { 'strip@docker': { stripprefix: { prefixes: '/x' } } },
    }),
    [{ provider: 'docker', source: 'c1', code: 'DOCKER_NO_PORT', severity: 'error', message: 'port is missing' }],
  );
  return t;
}

describe('view', () => {
  it('routers carry Traefik RouterInfo fields', () => {
    const { runtime } = sample();
    const view = runtime.source.view();
    expect(view.routers['web@docker']).toEqual({
      rule: 'Host(`a.example`)',
      service: 'app@docker',
      middlewares: ['strip@docker'],
      entryPoints: ['web', 'websecure'],
      status: 'enabled',
      using: ['web', 'websecure'],
      priority: 17,
      priorityStr: '17',
      name: 'web@docker',
      provider: 'docker',
    });
    expect(view.routers['broken@docker']).toMatchObject({
      status: 'disabled',
      using: ['web'],
      tls: { options: 'default' },
      error: ['entryPoint "nope" doesn\'t exist', 'the service "ghost@docker" does not exist'],
    });
  });

  it('error diagnostics naming a router by qualified name join its error list; the router keeps serving as warning', () => {
    const t = testRuntime({ providers: ['docker', 'le'] });
    const routers = { 'web@docker': { rule: 'Host(`a.example`)', service: 'app@docker', tls: { certResolver: 'le' } } };
    const services = { 'app@docker': { loadBalancer: { servers: [{ url: 'http://10.0.0.2:80' }] } } };
    const failed = { provider: 'le', source: 'resolver le', code: 'WHARF_ACME_ORDER', severity: 'error' as const, message: 'resolver le: cannot obtain a certificate for a.example: CA down' };
    t.runtime.apply(config({ routers, services }), [
      { ...failed, element: { kind: 'router', name: 'web@docker' } },
      // unqualified names are the provider's own elements, warnings stay diagnostics only
      { ...failed, message: 'other', element: { kind: 'router', name: 'web' } },
      { ...failed, severity: 'warning', message: 'a warning', element: { kind: 'router', name: 'web@docker' } },
    ]);
    expect(t.runtime.source.view().routers['web@docker']).toMatchObject({ status: 'warning', error: [failed.message] });
    expect(t.runtime.source.view().diagnostics).toHaveLength(3);
    t.runtime.apply(config({ routers, services }), []);
    const cleared = t.runtime.source.view().routers['web@docker']!;
    expect(cleared.status).toBe('enabled');
    expect(cleared).not.toHaveProperty('error');
  });

  it('services carry type, usedBy, serverStatus and wharf health', () => {
    const { runtime } = sample();
    const view = runtime.source.view();
    expect(view.services['app@docker']).toMatchObject({
      name: 'app@docker',
      provider: 'docker',
      type: 'loadbalancer',
      status: 'enabled',
      usedBy: ['web@docker'],
      loadBalancer: { passHostHeader: true, strategy: 'wrr', responseForwarding: { flushInterval: '100ms' } },
      serverStatus: { 'http://10.0.0.2:80': 'UP', 'http://10.0.0.3:80': 'UP' },
      health: { state: 'healthy', serversUp: 2, serversTotal: 2 },
    });
    expect(view.services['canary@file']).toMatchObject({ type: 'weighted', usedBy: [], health: { state: 'healthy', serversUp: 2, serversTotal: 2 } });
    expect(view.services['canary@file']!.serverStatus).toBeUndefined();
    expect(view.services['api@internal']).toEqual({ name: 'api@internal', provider: 'internal', status: 'enabled', usedBy: ['api@file'] });
  });

  it('middlewares: canonical type key with decoded options spread in, lower-case type', () => {
    const { runtime } = sample();
    expect(runtime.source.view().middlewares['strip@docker']).toEqual({
      stripPrefix: { prefixes: ['/x'] },
      type: 'stripprefix',
      status: 'enabled',
      usedBy: ['web@docker'],
      name: 'strip@docker',
      provider: 'docker',
    });
  });

  it('generation, entrypoints, diagnostics, providers, features', () => {
    const { runtime } = sample();
    const view = runtime.source.view();
    expect(view.generation).toBe(runtime.current().id);
    expect(Date.parse(view.appliedAt)).not.toBeNaN();
    expect(view.entryPoints).toEqual([
      { name: 'web', address: ':80' },
      { name: 'websecure', address: ':443' },
    ]);
    expect(view.diagnostics).toHaveLength(1);
    expect(view.providers).toEqual(['docker', 'file']);
    expect(view.features).toEqual({ tracing: '', metrics: '', accessLog: false });
    expect(view.tcpRouters).toEqual({});
  });
});

describe('explainMatch', () => {
  it('reports router, priority, chain, service, server and the routers tried first', () => {
    const { runtime } = sample();
    const out = runtime.source.explainMatch({ entryPoint: 'web', url: 'http://a.example/page' });
    expect(out).toMatchObject({ matched: true, router: 'web@docker', priority: 17, service: 'app@docker', middlewares: ['strip@docker'] });
    expect(['http://10.0.0.2:80', 'http://10.0.0.3:80']).toContain(out.server);
    const api = runtime.source.explainMatch({ entryPoint: 'websecure', url: '/page', headers: { Host: 'a.example' } });
    expect(api.router).toBe('web@docker');
    expect(api.tried).toEqual([{ router: 'api@file', priority: 39, matched: false, failedMatcher: 'PathPrefix(`/api`)' }]);
  });

  it('explains a miss and an unknown entrypoint', () => {
    const { runtime } = sample();
    expect(runtime.source.explainMatch({ entryPoint: 'web', url: 'http://zzz.example/' })).toMatchObject({ matched: false });
    // broken@docker has tls: a plaintext request is never its (Traefik's split; over HTTPS see explain-tls.test)
    expect(runtime.source.explainMatch({ entryPoint: 'web', url: 'http://b/' })).toMatchObject({ matched: false, reason: '404 page not found: no router matches' });
    expect(runtime.source.explainMatch({ entryPoint: 'web', url: 'https://b/' })).toMatchObject({ matched: false, reason: 'TLS is off: no certificate is configured' });
    expect(runtime.source.explainMatch({ entryPoint: 'nope', url: '/' })).toMatchObject({ matched: false, reason: 'entryPoint "nope" doesn\'t exist' });
  });

  it('peek does not consume a balancer turn', () => {
    const { runtime } = sample();
    const a = runtime.source.explainMatch({ entryPoint: 'web', url: 'http://a.example/' }).server;
    const b = runtime.source.explainMatch({ entryPoint: 'web', url: 'http://a.example/' }).server;
    expect(a).toBe(b);
  });
});
