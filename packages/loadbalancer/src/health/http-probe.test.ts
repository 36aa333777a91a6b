import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackServer, type LoopbackServer } from '../fixtures/loopback-server.js';
import { resolveActiveHealth } from './health-options.js';
import { httpProbe } from './http-probe.js';
import { buildProbeTarget } from './probe-target.js';
import { isWharfError } from '@wharf/config';

describe('buildProbeTarget', () => {
  it('resolves path, query, scheme, port and hostname against the server URL', () => {
    const opts = resolveActiveHealth({ path: '/health?full=1', port: 9000, scheme: 'https', hostname: 'app.local' });
    expect(buildProbeTarget('http://10.0.0.1:80/base/', opts)).toMatchObject({
      url: 'https://10.0.0.1:9000/base/health?full=1',
      method: 'GET',
      headers: { host: 'app.local' },
      followRedirects: true,
      timeoutMs: 5000,
    });
    expect(buildProbeTarget('http://10.0.0.1:8080', resolveActiveHealth({})).url).toBe('http://10.0.0.1:8080/');
    expect(buildProbeTarget('http://h', resolveActiveHealth({ path: 'ping' })).url).toBe('http://h/ping');
    expect(buildProbeTarget('h2c://h:81', resolveActiveHealth({})).url).toBe('http://h:81/');
  });

  it('applies Traefik defaults and replaces invalid durations', () => {
    expect(resolveActiveHealth({})).toMatchObject({ intervalMs: 30_000, unhealthyIntervalMs: 30_000, timeoutMs: 5000, rise: 1, fall: 1 });
    expect(resolveActiveHealth({ interval: '10s', timeout: 0, unhealthyInterval: '-1s', rise: 2, fall: 0 })).toMatchObject({
      intervalMs: 10_000,
      unhealthyIntervalMs: 10_000,
      timeoutMs: 5000,
      rise: 2,
      fall: 1,
    });
  });

  it('rejects an absolute path with a coded error', () => {
    let caught: unknown;
    try {
      resolveActiveHealth({ path: 'http://evil/x' });
    } catch (err) {
      caught = err;
    }
    expect(isWharfError(caught, 'WHARF_LB_INVALID_HEALTHCHECK')).toBe(true);
  });
});

describe('httpProbe against a loopback server', () => {
  let server: LoopbackServer;
  beforeAll(async () => {
    server = await startLoopbackServer();
  });
  afterAll(() => server.close());
  const signal = new AbortController().signal;
  const target = (over: Partial<Parameters<typeof buildProbeTarget>[1]> = {}) =>
    buildProbeTarget(server.url, { ...resolveActiveHealth({ path: '/health', method: 'head', headers: { 'x-probe': '1' } }), ...over });

  it('reports 2xx as healthy with method and headers', async () => {
    server.status = 204;
    expect(await httpProbe(target(), signal)).toEqual({ ok: true, result: '204' });
    const last = server.requests.at(-1);
    expect(last?.method).toBe('HEAD');
    expect(last?.url).toBe('/health');
    expect(last?.headers['x-probe']).toBe('1');
  });

  it('reports 5xx as unhealthy, unless it is the expected status', async () => {
    server.status = 503;
    expect(await httpProbe(target(), signal)).toEqual({ ok: false, result: '503' });
    expect(await httpProbe(target({ expectedStatus: 503 }), signal)).toEqual({ ok: true, result: '503' });
    server.status = 200;
  });

  it('follows redirects by default, or sees the 302 itself', async () => {
    server.status = 500;
    expect(await httpProbe(target({ path: '/redirect' }), signal)).toEqual({ ok: false, result: '500' });
    expect(await httpProbe(target({ path: '/redirect', followRedirects: false }), signal)).toEqual({ ok: true, result: '302' });
    server.status = 200;
  });

  it('sends the configured Host header', async () => {
    await httpProbe(target({ hostname: 'app.example' }), signal);
    expect(server.requests.at(-1)?.headers.host).toBe('app.example');
  });

  it('reports a timeout', async () => {
    server.delayMs = 2000;
    try {
      expect(await httpProbe(target({ timeoutMs: 100 }), signal)).toEqual({ ok: false, result: 'timeout' });
    } finally {
      server.delayMs = 0;
    }
  });

  it('reports a refused connection by code', async () => {
    const gone = await startLoopbackServer();
    await gone.close();
    const res = await httpProbe(buildProbeTarget(gone.url, resolveActiveHealth({})), signal);
    expect(res).toEqual({ ok: false, result: 'ECONNREFUSED' });
  });
});
