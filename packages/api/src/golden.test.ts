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

describe("/api/certificates as Traefik 3.7's handler_certificate.go and sort.go", () => {
  const cns = async (q: string) => ((await app.inject(`/api/certificates${q}`)).json() as Array<{ commonName: string }>).map((c) => c.commonName);

  it.each([
    ['', ['api.example.com', 'app.example.com', 'old.example.com']],
    ['?sortBy=name&direction=desc', ['old.example.com', 'app.example.com', 'api.example.com']],
    // any direction but asc is descending, as in Go
    ['?sortBy=cn&direction=down', ['old.example.com', 'app.example.com', 'api.example.com']],
    ['?sortBy=validUntil', ['old.example.com', 'api.example.com', 'app.example.com']],
    // issuer = organisation first, else CN: "Let's Encrypt" < "Wharf Test CA" < "old.example.com"
    ['?sortBy=issuer', ['app.example.com', 'api.example.com', 'old.example.com']],
    ['?sortBy=status', ['app.example.com', 'old.example.com', 'api.example.com']],
    ['?sortBy=bogus', ['api.example.com', 'app.example.com', 'old.example.com']],
    ['?search=ENCRYPT', ['app.example.com']],
    ['?search=r11', ['app.example.com']],
    ['?search=10.0.0', ['api.example.com']],
    ['?status=Expired', ['old.example.com']],
  ])('%s', async (q, expected) => {
    expect(await cns(q)).toEqual(expected);
  });

  it('does not search the fingerprint (Traefik searches names and issuer only); unknown id is 404', async () => {
    expect(await cns(`?search=${'a1'.repeat(4)}`)).toEqual([]);
    const missing = await app.inject('/api/certificates/nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ message: 'certificate not found: nope' });
  });

  it('the overview counts certificates by their status (30 days, as Traefik)', async () => {
    expect((await app.inject('/api/overview')).json().certificates).toEqual({ total: 3, warnings: 1, errors: 1 });
  });
});
