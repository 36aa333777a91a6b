import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { internalView } from './internal-view.js';
import { loadStaticConfig } from './static/index.js';
import { startTestWharf, type TestWharf } from './testing/harness.js';

const golden = (name: string) => `./testing/golden/${name}.json`;
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const config = (...argv: string[]) => loadStaticConfig({ argv, env: {}, cwd: '/nonexistent' });

describe("Traefik's internal elements for the static configuration (pure)", () => {
  it('without the API only noop@internal is listed', () => {
    expect(internalView(config())).toEqual({ routers: {}, middlewares: {}, services: { 'noop@internal': { status: 'enabled', name: 'noop@internal', provider: 'internal' } } });
  });

  it('--api without insecure lists the services, not the routers', () => {
    const v = internalView(config('--api', '--api.dashboard=true'));
    expect(v.routers).toEqual({});
    expect(Object.keys(v.services).sort()).toEqual(['api@internal', 'dashboard@internal', 'noop@internal']);
  });

  it('--api.debug adds debug@internal on api@internal; --api.dashboard=false drops the dashboard elements', () => {
    const v = internalView(config('--api.insecure', '--api.dashboard=false', '--api.debug'));
    expect(Object.keys(v.routers).sort()).toEqual(['api@internal', 'debug@internal']);
    expect(v.routers['debug@internal']).toMatchObject({ rule: 'PathPrefix(`/debug`)', service: 'api@internal', priorityStr: '9223372036854775806' });
    expect(v.services['api@internal']!.usedBy).toEqual(['api@internal', 'debug@internal']);
    expect(v.middlewares).toEqual({});
  });
});

describe('--api.insecure: internal elements in the API lists and details, /api/version (golden, real wharf)', () => {
  let t: TestWharf;
  const get = async (path: string) => (await fetch(`${t.apiURL()}${path}`)).json();

  beforeAll(async () => {
    t = await startTestWharf({
      http: { routers: { app: { rule: 'Host(`a.test`)', service: 'noop@internal' } } },
    }, ['--api.disableDashboardAd', '--api.dashboardName=harbour', '--ping']);
  });
  afterAll(() => t?.close());

  it('lists api@internal, dashboard@internal and ping@internal routers as Traefik does', async () => {
    const routers = (await get('/api/http/routers?provider=internal')) as Array<{ name: string }>;
    await expect(json(routers.filter((r) => r.name.endsWith('@internal')))).toMatchFileSnapshot(golden('internal-routers'));
    await expect(json(await get('/api/http/routers/dashboard@internal'))).toMatchFileSnapshot(golden('internal-router-dashboard'));
  });

  it('lists the dashboard middlewares and the internal services; noop@internal is used by the user router', async () => {
    await expect(json(await get('/api/http/middlewares?search=internal'))).toMatchFileSnapshot(golden('internal-middlewares'));
    const services = (await get('/api/http/services')) as Array<{ name: string }>;
    await expect(json(services.filter((s) => s.name.endsWith('@internal')))).toMatchFileSnapshot(golden('internal-services'));
    expect(await get('/api/http/services/noop@internal')).toEqual({ status: 'enabled', usedBy: ['app@file'], name: 'noop@internal', provider: 'internal' });
    expect(await get('/api/http/middlewares/dashboard_stripprefix@internal')).toMatchObject({ stripPrefix: { prefixes: ['/dashboard/', '/dashboard'] }, type: 'stripprefix' });
  });

  it('/api/version carries what Traefik\'s web UI reads: Version, Codename, startDate, disableDashboardAd, dashboardName', async () => {
    const version = (await get('/api/version')) as Record<string, unknown>;
    expect(Object.keys(version).sort()).toEqual(['Codename', 'Version', 'dashboardName', 'disableDashboardAd', 'startDate']);
    expect(version).toMatchObject({ Codename: 'wharf', disableDashboardAd: true, dashboardName: 'harbour' });
    expect(Date.parse(version['startDate'] as string)).toBeGreaterThan(0);
  });

  it('the overview counts the internal elements as Traefik does', async () => {
    const overview = (await get('/api/overview')) as { http: { routers: { total: number }; middlewares: { total: number } } };
    // app@file + api, dashboard, ping @internal; the two dashboard middlewares
    expect(overview.http.routers.total).toBe(4);
    expect(overview.http.middlewares.total).toBe(2);
  });
});
