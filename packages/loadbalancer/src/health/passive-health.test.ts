import { afterEach, describe, expect, it, vi } from 'vitest';
import { scriptedProber, servers, useBalancers } from '../fixtures/balancer-fixtures.js';
import type { AttemptOutcome, LoadBalancer, ServerRef } from '../types.js';

const make = useBalancers();
afterEach(() => {
  vi.useRealTimers();
});

const ref = (lb: LoadBalancer, url: string): ServerRef => {
  for (let i = 0; i < 50; i++) {
    const picked = lb.pick({ clientIP: '1.1.1.1' })?.server;
    if (picked?.url === url) return picked;
  }
  throw new Error(`server ${url} was never picked`);
};
const fail = (lb: LoadBalancer, server: ServerRef, outcome: AttemptOutcome = { networkError: true }) => {
  lb.onAttemptStart(server);
  lb.onAttemptEnd(server, outcome);
};
const states = (lb: LoadBalancer) => lb.servers().map((s) => s.state);

describe('passive health checks', () => {
  it('ejects after maxFailedAttempts inside the window, for failureWindow', async () => {
    vi.useFakeTimers();
    const { lb } = make({
      servers: servers(1, 1),
      passiveHealthCheck: { maxFailedAttempts: 2, failureWindow: '10s', maxEjectionPercent: 100 },
    }, { now: () => Date.now() });
    const a = ref(lb, 'http://10.0.0.1:8080');
    fail(lb, a);
    expect(states(lb)).toEqual(['UP', 'UP']);
    fail(lb, a, { networkError: false, status: 502 });
    expect(lb.servers()[0]).toMatchObject({ state: 'DOWN', reason: 'passive' });
    for (let i = 0; i < 20; i++) expect(lb.pick({ clientIP: '1.1.1.1' })?.server.url).toBe('http://10.0.0.2:8080');
    await vi.advanceTimersByTimeAsync(9_000);
    expect(states(lb)).toEqual(['DOWN', 'UP']);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(states(lb)).toEqual(['UP', 'UP']);
  });

  it('counts only failures inside the sliding window; a success resets the count', () => {
    let now = 0;
    const { lb } = make(
      { servers: servers(1, 1), passiveHealthCheck: { maxFailedAttempts: 2, failureWindow: '10s', maxEjectionPercent: 100 } },
      { now: () => now },
    );
    const a = ref(lb, 'http://10.0.0.1:8080');
    fail(lb, a);
    now = 11_000;
    fail(lb, a);
    expect(states(lb)).toEqual(['UP', 'UP']);
    lb.onAttemptEnd(a, { networkError: false, status: 200 });
    fail(lb, a);
    expect(states(lb)).toEqual(['UP', 'UP']);
    fail(lb, a, { networkError: false, status: 500 });
    expect(states(lb)).toEqual(['DOWN', 'UP']);
  });

  it('4xx responses are not failures', () => {
    const { lb } = make({ servers: servers(1, 1), passiveHealthCheck: { maxEjectionPercent: 100 } });
    const a = ref(lb, 'http://10.0.0.1:8080');
    for (let i = 0; i < 5; i++) fail(lb, a, { networkError: false, status: 404 });
    expect(states(lb)).toEqual(['UP', 'UP']);
  });

  it('never ejects more than maxEjectionPercent (default 50%) of servers', () => {
    const { lb } = make({ servers: servers(1, 1, 1, 1), passiveHealthCheck: {} });
    for (const n of [1, 2, 3]) fail(lb, ref(lb, `http://10.0.0.${n}:8080`));
    expect(states(lb)).toEqual(['DOWN', 'DOWN', 'UP', 'UP']);
    const seen = new Set(Array.from({ length: 40 }, () => lb.pick({ clientIP: '1.1.1.1' })?.server.url));
    expect(seen).toEqual(new Set(['http://10.0.0.3:8080', 'http://10.0.0.4:8080']));
  });

  it('a lone server is never ejected at the default cap', () => {
    const { lb } = make({ servers: servers(1), passiveHealthCheck: {} });
    fail(lb, ref(lb, 'http://10.0.0.1:8080'));
    expect(lb.pick({ clientIP: '1.1.1.1' })).toBeDefined();
  });

  it('with an active check, the active check owns recovery', async () => {
    vi.useFakeTimers();
    const prober = scriptedProber();
    const { lb } = make(
      {
        servers: servers(1, 1),
        healthCheck: { interval: '1h', unhealthyInterval: '2s' },
        passiveHealthCheck: { failureWindow: '1s', maxEjectionPercent: 100 },
      },
      { prober, now: () => Date.now() },
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(states(lb)).toEqual(['UP', 'UP']);
    prober.healthy.set('http://10.0.0.1:8080', false);
    fail(lb, ref(lb, 'http://10.0.0.1:8080'));
    expect(lb.servers()[0]).toMatchObject({ state: 'DOWN', reason: 'passive' });
    await vi.advanceTimersByTimeAsync(1_500); // failureWindow passed: still out, no timer restored it
    expect(states(lb)).toEqual(['DOWN', 'UP']);
    await vi.advanceTimersByTimeAsync(1_000); // recheck at unhealthyInterval fails
    expect(lb.servers()[0]).toMatchObject({ state: 'DOWN', lastResult: '503' });
    prober.healthy.set('http://10.0.0.1:8080', true);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(states(lb)).toEqual(['UP', 'UP']);
  });

  it('an ejection survives a generation swap until its end', async () => {
    vi.useFakeTimers();
    const config = { servers: servers(1, 1), passiveHealthCheck: { failureWindow: '10s', maxEjectionPercent: 100 } };
    const first = make(config, { now: () => Date.now() });
    fail(first.lb, ref(first.lb, 'http://10.0.0.1:8080'));
    expect(states(first.lb)).toEqual(['DOWN', 'UP']);
    await vi.advanceTimersByTimeAsync(4_000);
    first.controller.abort();
    const second = make(config, { now: () => Date.now(), registry: first.registry });
    expect(second.lb.servers()[0]).toMatchObject({ state: 'DOWN', reason: 'passive' });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(states(second.lb)).toEqual(['DOWN', 'UP']);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(states(second.lb)).toEqual(['UP', 'UP']);
    second.controller.abort();
    const third = make(config, { now: () => Date.now(), registry: first.registry });
    expect(states(third.lb)).toEqual(['UP', 'UP']);
  });

  it('without passiveHealthCheck, failures change nothing', () => {
    const { lb } = make({ servers: servers(1, 1) });
    const a = ref(lb, 'http://10.0.0.1:8080');
    for (let i = 0; i < 5; i++) fail(lb, a);
    expect(states(lb)).toEqual(['UP', 'UP']);
  });
});
