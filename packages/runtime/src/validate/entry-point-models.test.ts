import { describe, expect, it } from 'vitest';
import { config, lb, testRuntime } from '../fixtures/runtime.js';
import { applyEntryPointModels } from './entry-point-models.js';
import type { EntryPointSpec } from './validated.js';

const eps: EntryPointSpec[] = [
  { name: 'web', address: ':80' },
  { name: 'websecure', address: ':443', tls: { certResolver: 'le' }, middlewares: ['hsts'] },
  { name: 'admin', address: ':9000', middlewares: ['auth@file'] },
];

describe("entrypoint models (Traefik's applyModel)", () => {
  it('splits a router on several entrypoints into <ep>-<router> copies for entrypoints with a model', () => {
    const out = applyEntryPointModels({
      'app@docker': { rule: 'Host(`a`)', service: 's', entryPoints: ['web', 'websecure', 'admin'], middlewares: ['own@docker'] },
    }, eps, ['web']);
    expect(out).toEqual({
      'app@docker': { rule: 'Host(`a`)', service: 's', entryPoints: ['web'], middlewares: ['own@docker'] },
      'websecure-app@docker': { rule: 'Host(`a`)', service: 's', entryPoints: ['websecure'], middlewares: ['hsts@docker', 'own@docker'], tls: { certResolver: 'le' } },
      'admin-app@docker': { rule: 'Host(`a`)', service: 's', entryPoints: ['admin'], middlewares: ['auth@file', 'own@docker'] },
    });
  });

  it("keeps the name on a single entrypoint, keeps the router's own tls, binds defaults first", () => {
    const own = { options: 'strict' };
    expect(applyEntryPointModels({ 'a@file': { rule: 'Host(`a`)', entryPoints: ['websecure'], tls: own } }, eps, ['web'])).toEqual({
      'a@file': { rule: 'Host(`a`)', entryPoints: ['websecure'], tls: own, middlewares: ['hsts@file'] },
    });
    expect(Object.keys(applyEntryPointModels({ 'b@file': { rule: 'Host(`b`)' } }, eps, ['web', 'websecure'])).sort()).toEqual(['b@file', 'websecure-b@file']);
    // no entrypoint with a model: routers pass through untouched (same object)
    const routers = { 'c@file': { rule: 'Host(`c`)', entryPoints: ['web', 'websecure'] } };
    expect(applyEntryPointModels(routers, [{ name: 'web', address: ':80' }, { name: 'websecure', address: ':443' }], ['web'])).toBe(routers);
  });

  it('the API shows the copies; each serves on its entrypoint with its own chain', async () => {
    const t = testRuntime({ entryPoints: [{ name: 'web', address: ':80' }, { name: 'websecure', address: ':443', middlewares: ['mark'] }] });
    t.runtime.apply(config({
      routers: { 'app@file': { rule: 'PathPrefix(`/`)', service: 's@file', entryPoints: ['web', 'websecure'] } },
      services: { 's@file': lb('http://10.0.0.1:80') },
      middlewares: { 'mark@file': { headers: { customRequestHeaders: { 'X-Mark': '1' } } } },
    }));
    const view = t.runtime.source.view();
    expect(Object.keys(view.routers).sort()).toEqual(['app@file', 'websecure-app@file']);
    expect(view.routers['websecure-app@file']).toMatchObject({ entryPoints: ['websecure'], middlewares: ['mark@file'], status: 'enabled' });
    expect(view.routers['app@file']).toMatchObject({ entryPoints: ['web'], status: 'enabled' });
    expect(view.middlewares['mark@file']?.usedBy).toEqual(['websecure-app@file']);
    expect(t.runtime.current().route('websecure', { host: 'x', path: '/', method: 'GET', headers: {} } as never)?.router).toBe('websecure-app@file');
  });
});
