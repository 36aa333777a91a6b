import { describe, expect, it } from 'vitest';
import { UpstreamErrors, type HttpResponse } from '@wharf/config';
import { fakeExchange } from '../testing/exchange.js';
import { CircuitBreaker } from './breaker.js';
import { createCircuitBreaker } from './circuit-breaker.js';
import { RollingMetrics } from './metrics.js';

const ok = (): HttpResponse => ({ status: 200, headers: {}, body: 'ok' });
const s500 = (): HttpResponse => ({ status: 500, headers: {}, body: 'err' });
const netErr = (): HttpResponse => ({ status: 502, headers: {}, body: null, error: UpstreamErrors.connectFailed('x') });

describe('RollingMetrics', () => {
  it('computes ratios, quantiles and forgets after 10s', () => {
    const m = new RollingMetrics();
    for (let i = 0; i < 8; i++) m.record(1000, { status: 200, networkError: false, latencyMs: 10 * (i + 1) });
    m.record(1000, { status: 503, networkError: false, latencyMs: 500 });
    m.record(1500, { status: 0, networkError: true, latencyMs: 1 });
    expect(m.total(1500)).toBe(10);
    expect(m.networkErrorRatio(1500)).toBeCloseTo(0.1);
    expect(m.responseCodeRatio(1500, 500, 600, 0, 600)).toBeCloseTo(1 / 9);
    expect(m.latencyAtQuantileMs(1500, 50)).toBe(40);
    expect(m.latencyAtQuantileMs(1500, 100)).toBe(500);
    expect(m.total(12_000)).toBe(0);
  });
});

describe('CircuitBreaker state machine', () => {
  const timings = { checkPeriodMs: 100, fallbackMs: 1000, recoveryMs: 1000 };
  it('opens on the expression, falls back, ramps up linearly, closes', () => {
    const b = new CircuitBreaker('RequestThreshold() >= 4 && NetworkErrorRatio() > 0.5', timings);
    for (let i = 0; i < 3; i++) b.record(200 + i * 200, { status: 502, networkError: true, latencyMs: 1 });
    expect(b.current(800)).toBe('closed');
    b.record(800, { status: 502, networkError: true, latencyMs: 1 });
    expect(b.current(800)).toBe('open');
    expect(b.allow(1000)).toBe(false);
    expect(b.current(1800)).toBe('recovering');
    let allowed = 0;
    for (let i = 0; i < 100; i++) if (b.allow(2050)) allowed++;
    expect(allowed).toBeGreaterThanOrEqual(20);
    expect(allowed).toBeLessThanOrEqual(30);
    expect(b.current(2900)).toBe('closed');
    expect(b.allow(2900)).toBe(true);
  });
  it('re-opens when the expression trips while recovering', () => {
    const b = new CircuitBreaker('NetworkErrorRatio() > 0.5', timings);
    b.record(0, { status: 502, networkError: true, latencyMs: 1 });
    expect(b.current(1000)).toBe('recovering');
    b.record(1100, { status: 502, networkError: true, latencyMs: 1 });
    expect(b.current(1100)).toBe('open');
  });
});

describe('circuitBreaker middleware', () => {
  it('answers the fallback code without calling next while open', async () => {
    let t = 0;
    const step = createCircuitBreaker(
      { expression: 'ResponseCodeRatio(500, 600, 0, 600) > 0.5', fallbackDuration: '10s', responseCode: 429 },
      undefined,
      () => t,
    );
    let calls = 0;
    const call = (r: () => HttpResponse) => step(fakeExchange(), async () => (calls++, r()));
    expect((await call(ok)).status).toBe(200);
    t = 200;
    expect((await call(s500)).status).toBe(500);
    t = 400;
    expect((await call(s500)).status).toBe(500);
    t = 600;
    const before = calls;
    const fallback = await call(ok);
    expect(fallback.status).toBe(429);
    expect(calls).toBe(before);
    t = 30_000;
    expect((await call(ok)).status).toBe(200);
  });
  it('counts network errors by code', async () => {
    let t = 0;
    const step = createCircuitBreaker({ expression: 'NetworkErrorRatio() > 0.9' }, undefined, () => t);
    await step(fakeExchange(), async () => netErr());
    t = 50;
    expect((await step(fakeExchange(), async () => ok())).status).toBe(503);
  });
});
