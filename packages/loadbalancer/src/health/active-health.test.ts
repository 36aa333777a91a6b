import { afterEach, describe, expect, it, vi } from 'vitest';
import { scriptedProber, servers, useBalancers } from '../fixtures/balancer-fixtures.js';
import { startLoopbackServer, type LoopbackServer } from '../fixtures/loopback-server.js';
import { createHealthRegistry } from './health-registry.js';
import type { ServerStateChange } from '../types.js';

const WAIT = { timeout: 5000 };

const make = useBalancers();
const loopbacks: LoopbackServer[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const s of loopbacks.splice(0)) await s.close();
});
const loopback = async (status = 200) => {
  const s = await startLoopbackServer(status);
  loopbacks.push(s);
  return s;
};

describe('active health checks against a real loopback server', () => {
  it('starts DOWN (initial), probes at once, takes traffic after the first success, follows flips', async () => {
    const server = await loopback(200);
    const { lb, registry } = make({ servers: [{ url: server.url }], healthCheck: { path: '/health', interval: '30ms' } });
    const changes: ServerStateChange[] = [];
    registry.subscribe((c) => changes.push(c));
    expect(lb.pick({ clientIP: '1.1.1.1' })).toBeUndefined();
    expect(lb.servers()).toEqual([{ url: server.url, state: 'DOWN', reason: 'initial' }]);

    await vi.waitFor(() => expect(lb.servers()[0]?.state).toBe('UP'), { timeout: 5000 });
    expect(lb.pick({ clientIP: '1.1.1.1' })?.server.url).toBe(server.url);
    expect(lb.servers()[0]).toMatchObject({ lastResult: '200' });
    expect(Date.parse(lb.servers()[0]?.lastCheck as string)).toBeGreaterThan(0);
    expect(server.requests[0]?.url).toBe('/health');

    server.status = 500;
    await vi.waitFor(() => expect(lb.servers()[0]).toMatchObject({ state: 'DOWN', reason: 'active-check', lastResult: '500' }), {
      timeout: 5000,
    });
    expect(lb.pick({ clientIP: '1.1.1.1' })).toBeUndefined();

    server.status = 200;
    await vi.waitFor(() => expect(lb.servers()[0]?.state).toBe('UP'), { timeout: 5000 });
    expect(changes.map((c) => c.state)).toEqual(['UP', 'DOWN', 'UP']);
    expect(changes[1]).toMatchObject({ service: 'app@docker', url: server.url, lastResult: '500' });
  });

  it('stops probing when the generation is aborted', async () => {
    const server = await loopback(200);
    const { lb, controller } = make({ servers: [{ url: server.url }], healthCheck: { interval: '20ms' } });
    await vi.waitFor(() => expect(server.requests.length).toBeGreaterThanOrEqual(3), { timeout: 5000 });
    controller.abort();
    await new Promise((r) => setTimeout(r, 200));
    const seen = server.requests.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(server.requests.length).toBe(seen);
    expect(lb.servers()[0]?.state).toBe('UP');
  });
});

describe('ready()', () => {
  it('resolves after every new server had its first probe, whatever the verdict', async () => {
    const good = await loopback(200);
    const bad = await loopback(503);
    const { lb } = make({ servers: [{ url: good.url }, { url: bad.url }], healthCheck: { interval: '1h' } });
    expect(lb.pick({ clientIP: '1.1.1.1' })).toBeUndefined();
    await lb.ready?.();
    expect(lb.servers().map((s) => s.state)).toEqual(['UP', 'DOWN']);
    expect(lb.pick({ clientIP: '1.1.1.1' })?.server.url).toBe(good.url);
  });

  it('resolves at once without a health check, and on abort', async () => {
    await make({ servers: servers(1) }).lb.ready?.();
    const never = () => new Promise<never>(() => {});
    const { lb, controller } = make({ servers: servers(1), healthCheck: {} }, { prober: never });
    let settled = false;
    void lb.ready?.().then(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    controller.abort();
    await lb.ready?.();
  });
});

describe('active health state machine (scripted prober, fake timers)', () => {
  it('honours rise and fall thresholds', async () => {
    vi.useFakeTimers();
    const prober = scriptedProber();
    const url = 'http://10.0.0.1:8080';
    const { lb } = make({ servers: servers(1), healthCheck: { interval: '1s', rise: 2, fall: 2 } }, { prober });
    await vi.advanceTimersByTimeAsync(0);
    expect(lb.servers()[0]?.state).toBe('UP');
    prober.healthy.set(url, false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(lb.servers()[0]?.state).toBe('UP');
    await vi.advanceTimersByTimeAsync(1000);
    expect(lb.servers()[0]?.state).toBe('DOWN');
    prober.healthy.set(url, true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(lb.servers()[0]?.state).toBe('DOWN');
    await vi.advanceTimersByTimeAsync(1000);
    expect(lb.servers()[0]?.state).toBe('UP');
  });

  it('uses unhealthyInterval while DOWN', async () => {
    vi.useFakeTimers();
    const prober = scriptedProber(() => false);
    make({ servers: servers(1), healthCheck: { interval: '10s', unhealthyInterval: '1s' } }, { prober });
    await vi.advanceTimersByTimeAsync(0);
    expect(prober.calls).toBe(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(prober.calls).toBe(4);
  });

  it('leaves no timer behind after abort', async () => {
    vi.useFakeTimers();
    const prober = scriptedProber();
    const { controller } = make(
      { servers: servers(1, 1, 1), healthCheck: { interval: '1s' }, passiveHealthCheck: {} },
      { prober },
    );
    await vi.advanceTimersByTimeAsync(5000);
    const calls = prober.calls;
    expect(calls).toBeGreaterThanOrEqual(15);
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    controller.abort();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(prober.calls).toBe(calls);
  });

  it('does not start probes for an already aborted generation', async () => {
    vi.useFakeTimers();
    const prober = scriptedProber();
    const registry = createHealthRegistry();
    const controller = new AbortController();
    controller.abort();
    const { createLoadBalancer } = await import('../load-balancer.js');
    createLoadBalancer(
      { servers: servers(1), healthCheck: {} },
      { serviceName: 's', health: registry, signal: controller.signal },
      { prober },
    );
    await vi.advanceTimersByTimeAsync(60_000);
    expect(prober.calls).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('health survives generation swaps', () => {
  it('a new balancer sharing the registry keeps known servers’ state; new servers start DOWN', async () => {
    const prober = scriptedProber((url) => url !== 'http://10.0.0.2:8080');
    const first = make({ servers: servers(1, 1), healthCheck: { interval: '1h' } }, { prober });
    await vi.waitFor(() => expect(first.lb.servers().map((s) => s.state)).toEqual(['UP', 'DOWN']), WAIT);
    first.controller.abort();

    const never = Object.assign(() => new Promise<never>(() => {}), {});
    const second = make(
      { servers: [...servers(1, 1), { url: 'http://10.0.0.9:8080' }], healthCheck: { interval: '1h' } },
      { prober: never, registry: first.registry },
    );
    expect(second.lb.servers()).toMatchObject([
      { url: 'http://10.0.0.1:8080', state: 'UP', lastResult: '200' },
      { url: 'http://10.0.0.2:8080', state: 'DOWN', reason: 'active-check', lastResult: '503' },
      { url: 'http://10.0.0.9:8080', state: 'DOWN', reason: 'initial' },
    ]);
    expect(second.lb.pick({ clientIP: '1.1.1.1' })?.server.url).toBe('http://10.0.0.1:8080');
  });

  it('removing the health check brings every server back UP', async () => {
    const prober = scriptedProber(() => false);
    const first = make({ servers: servers(1), healthCheck: { interval: '1h' } }, { prober });
    await vi.waitFor(() => expect(prober.calls).toBe(1), WAIT);
    first.controller.abort();
    const second = make({ servers: servers(1) }, { registry: first.registry });
    expect(second.lb.servers()).toEqual([{ url: 'http://10.0.0.1:8080', state: 'UP' }]);
  });
});
