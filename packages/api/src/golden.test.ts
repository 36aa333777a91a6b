import { afterAll, describe, expect, it } from 'vitest';
import { createTestServer, goldenEndpoints } from './fixtures/test-server.js';

const { app } = createTestServer();
afterAll(() => app.close());

describe('golden JSON shapes (shared with the dashboard tests)', () => {
  for (const [file, url] of Object.entries(goldenEndpoints)) {
    it(`${url} matches fixtures/golden/${file}.json`, async () => {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      await expect(`${JSON.stringify(res.json(), null, 2)}\n`).toMatchFileSnapshot(`./fixtures/golden/${file}.json`);
    });
  }

  it('overview counts each section and title-cases providers', async () => {
    const body = (await app.inject('/api/overview')).json();
    expect(body.http.routers).toEqual({ total: 5, warnings: 1, errors: 1 });
    expect(body.http.services).toEqual({ total: 5, warnings: 0, errors: 1 });
    expect(body.http.middlewares).toEqual({ total: 3, warnings: 1, errors: 0 });
    expect(body.tcp).toEqual({
      routers: { total: 1, warnings: 0, errors: 0 },
      services: { total: 1, warnings: 0, errors: 0 },
      middlewares: { total: 0, warnings: 0, errors: 0 },
    });
    expect(body.udp.services).toEqual({ total: 1, warnings: 1, errors: 0 });
    expect(body.providers).toEqual(['Docker', 'File']);
    expect(body.features).toEqual({ tracing: '', metrics: 'Prometheus', accessLog: true });
  });

  it('rawdata keys maps by qualified name and omits empty maps', async () => {
    const body = (await app.inject('/api/rawdata')).json();
    expect(Object.keys(body).sort()).toEqual(['middlewares', 'routers', 'services', 'tcpRouters', 'tcpServices', 'udpServices']);
    expect(body.services['whoami@docker'].serverStatus).toEqual({ 'http://172.18.0.2:80': 'UP', 'http://172.18.0.3:80': 'DOWN' });
  });

  it('entrypoints are sorted by name and addressable', async () => {
    const list = (await app.inject('/api/entrypoints')).json();
    expect(list.map((e: { name: string }) => e.name)).toEqual(['traefik', 'web', 'websecure']);
    const one = await app.inject('/api/entrypoints/websecure');
    expect(one.json()).toEqual({ name: 'websecure', address: ':443', http: { middlewares: ['secure-headers@file'] } });
    const missing = await app.inject('/api/entrypoints/nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ message: 'entry point not found: nope' });
  });

  it('version has Traefik field names', async () => {
    expect((await app.inject('/api/version')).json()).toEqual({
      Version: '0.1.0',
      Codename: 'harbour',
      startDate: '2026-11-24T21:00:00.000Z',
      disableDashboardAd: false,
    });
  });
});
