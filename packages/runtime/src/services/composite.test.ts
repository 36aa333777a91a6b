import { describe, expect, it } from 'vitest';
import { textOf } from '../fixtures/fakes.js';
import { config, lb, testRuntime } from '../fixtures/runtime.js';

const router = (service: string) => ({ 'r@file': { rule: 'Host(`a`)', service } });

describe('weighted', () => {
  it('splits requests by weight across child services', async () => {
    const { runtime, request, calls } = testRuntime();
    runtime.apply(
      config({
        routers: router('canary@file'),
        services: {
          'canary@file': { weighted: { services: [{ name: 'v1@file', weight: 3 }, { name: 'v2@file', weight: 1 }] } },
          'v1@file': lb('http://v1:80'),
          'v2@file': lb('http://v2:80'),
        },
      }),
    );
    for (let i = 0; i < 40; i++) await request({ host: 'a' });
    const v1 = calls.filter((c) => c.url === 'http://v1:80').length;
    expect(v1).toBe(30);
    expect(calls.length - v1).toBe(10);
  });

  it('skips children with no available server; 503 when none is left', async () => {
    const { runtime, request, calls } = testRuntime();
    runtime.apply(
      config({
        routers: router('w@file'),
        services: { 'w@file': { weighted: { services: [{ name: 'empty@file' }, { name: 'ok@file' }] } }, 'empty@file': lb(), 'ok@file': lb('http://ok:80') },
      }),
    );
    for (let i = 0; i < 6; i++) expect((await request({ host: 'a' }))!.status).toBe(200);
    expect(new Set(calls.map((c) => c.url))).toEqual(new Set(['http://ok:80']));
    runtime.apply(config({ routers: router('w@file'), services: { 'w@file': { weighted: { services: [{ name: 'empty@file' }] } }, 'empty@file': lb() } }));
    expect((await request({ host: 'a' }))!.status).toBe(503);
  });

  it('sticks a client to one child with its own cookie', async () => {
    const { runtime, request } = testRuntime();
    runtime.apply(
      config({
        routers: router('w@file'),
        services: {
          'w@file': { weighted: { services: [{ name: 'v1@file' }, { name: 'v2@file' }], sticky: { cookie: { name: 'canary' } } } },
          'v1@file': lb('http://v1:80'),
          'v2@file': lb('http://v2:80'),
        },
      }),
    );
    const first = (await request({ host: 'a' }))!;
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    expect(cookie).toMatch(/^canary=[0-9a-f]+$/);
    for (let i = 0; i < 4; i++) {
      const next = (await request({ host: 'a', headers: { cookie } }))!;
      expect(next.ex.serverURL).toBe(first.ex.serverURL);
      expect(next.headers['set-cookie']).toBeUndefined();
    }
  });
});

describe('mirroring', () => {
  const services = (extra: object = {}) => ({
    'm@file': { mirroring: { service: 'main@file', mirrors: [{ name: 'shadow@file', percent: 50 }], ...extra } },
    'main@file': lb('http://main:80'),
    'shadow@file': lb('http://shadow:80'),
  });

  it('main answers; the mirror gets `percent` of the requests, responses discarded', async () => {
    const { runtime, request, calls } = testRuntime();
    runtime.apply(config({ routers: router('m@file'), services: services() }));
    for (let i = 0; i < 10; i++) expect(await textOf((await request({ host: 'a', url: `/p${i}` }))!)).toMatch(/^http:\/\/main:80/);
    await new Promise((r) => setImmediate(r));
    expect(calls.filter((c) => c.url === 'http://main:80')).toHaveLength(10);
    expect(calls.filter((c) => c.url === 'http://shadow:80')).toHaveLength(5);
  });

  it('copies the body to mirrors when allowed and within maxBodySize', async () => {
    const { runtime, request, calls } = testRuntime();
    runtime.apply(config({ routers: router('m@file'), services: services({ mirrors: [{ name: 'shadow@file', percent: 100 }], maxBodySize: 10 }) }));
    await request({ host: 'a', method: 'POST', body: 'hello' });
    await new Promise((r) => setImmediate(r));
    expect(calls.map((c) => [c.url, c.body])).toEqual([
      ['http://main:80', 'hello'],
      ['http://shadow:80', 'hello'],
    ]);
    calls.length = 0;
    await request({ host: 'a', method: 'POST', body: 'far too long for the limit' });
    await new Promise((r) => setImmediate(r));
    expect(calls.map((c) => c.url)).toEqual(['http://main:80']);
  });

  it('sends mirrors no body when mirrorBody is false', async () => {
    const { runtime, request, calls } = testRuntime();
    runtime.apply(config({ routers: router('m@file'), services: services({ mirrors: [{ name: 'shadow@file', percent: 100 }], mirrorBody: false }) }));
    await request({ host: 'a', method: 'POST', body: 'secret' });
    await new Promise((r) => setImmediate(r));
    const shadow = calls.find((c) => c.url === 'http://shadow:80')!;
    expect(shadow.body).toBe('');
  });

  it('a failing mirror never affects the main response', async () => {
    const { runtime, request } = testRuntime({
      script: (t) => {
        if (t.url === 'http://shadow:80') throw new Error('mirror exploded');
        return undefined;
      },
    });
    runtime.apply(config({ routers: router('m@file'), services: services({ mirrors: [{ name: 'shadow@file', percent: 100 }] }) }));
    const res = (await request({ host: 'a' }))!;
    expect(res.status).toBe(200);
  });
});

describe('failover', () => {
  it('uses the fallback while the main service has no available server', async () => {
    const { runtime, request } = testRuntime();
    const apply = (mainServers: string[]) =>
      runtime.apply(
        config({
          routers: router('f@file'),
          services: { 'f@file': { failover: { service: 'main@file', fallback: 'backup@file' } }, 'main@file': lb(...mainServers), 'backup@file': lb('http://backup:80') },
        }),
      );
    apply(['http://main:80']);
    expect((await request({ host: 'a' }))!.ex.serverURL).toBe('http://main:80');
    apply([]);
    expect((await request({ host: 'a' }))!.ex.serverURL).toBe('http://backup:80');
  });

  it('follows live health of the main service (active check) and reports server-state events', async () => {
    const { runtime, request } = testRuntime();
    const events: unknown[] = [];
    runtime.source.subscribe((e) => events.push(e));
    const dead = 'http://127.0.0.1:1';
    runtime.apply(
      config({
        routers: router('f@file'),
        services: {
          'f@file': { failover: { service: 'main@file', fallback: 'backup@file' } },
          'main@file': { loadBalancer: { servers: [{ url: dead }], healthCheck: { path: '/health', interval: '1h', timeout: '3s' } } },
          'backup@file': lb('http://backup:80'),
        },
      }),
    );
    const deadline = Date.now() + 10_000;
    while (runtime.source.view().services['main@file']?.serverStatus?.[dead] !== 'DOWN' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const view = runtime.source.view();
    expect(view.services['main@file']!.serverStatus).toEqual({ [dead]: 'DOWN' });
    expect(view.services['main@file']!.health).toMatchObject({ state: 'down', serversUp: 0, serversTotal: 1 });
    expect(view.services['f@file']!.health!.state).toBe('degraded');
    expect((await request({ host: 'a' }))!.ex.serverURL).toBe('http://backup:80');
    // the registry reports flips of known servers; the runtime forwards them as events
    runtime.health.set('main@file', { url: dead, state: 'UP' });
    expect(events).toContainEqual(expect.objectContaining({ type: 'server-state', service: 'main@file', url: dead, state: 'UP' }));
    runtime.close();
  });
});
