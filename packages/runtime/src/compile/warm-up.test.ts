import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { testRuntime } from '../fixtures/runtime.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

async function healthServer(): Promise<string> {
  server = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

const configWith = (url: string, healthCheck?: object) => ({
  http: {
    routers: { 'r@file': { rule: 'PathPrefix(`/`)', service: 's@file', entryPoints: ['web'] } },
    services: { 's@file': { loadBalancer: { servers: [{ url }], ...(healthCheck ? { healthCheck } : {}) } } },
    middlewares: {},
  },
});

describe('warm-up before a swap', () => {
  it('swaps a health-checked generation only after the first probe, so the first request is not a 503', async () => {
    const url = await healthServer();
    const { runtime, request } = testRuntime();
    const before = runtime.current().id;
    runtime.apply(configWith(url, { path: '/health', interval: '1h', timeout: '2s' }));
    expect(runtime.current().id).toBe(before);
    const deadline = Date.now() + 5000;
    while (runtime.current().id === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(runtime.current().id).not.toBe(before);
    const res = await request({ host: 'a' });
    expect(res?.status).not.toBe(503);
    expect(res?.ex.serverURL).toBe(url);
    runtime.close();
  });

  it('swaps at once when nothing needs warming, and a newer config supersedes a warming one', async () => {
    const { runtime } = testRuntime({ warmUpMs: 10_000 });
    runtime.apply(configWith('http://127.0.0.1:1', { path: '/health', interval: '1h', timeout: '5s' }));
    const warmingFrom = runtime.current().id;
    runtime.apply(configWith('http://127.0.0.1:2'));
    expect(runtime.current().id).not.toBe(warmingFrom);
    const settled = runtime.current().id;
    await new Promise((r) => setTimeout(r, 300));
    expect(runtime.current().id).toBe(settled);
    runtime.close();
  });
});
