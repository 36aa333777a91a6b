import Fastify from 'fastify';
import type { RuntimeView } from '@wharf/config';
import { describe, expect, it } from 'vitest';
import { requestRecord } from '../fixtures/records.js';
import { createTrafficRecorder } from './create-traffic-recorder.js';
import { registerTrafficRoutes } from './traffic-routes.js';
import { SLOT_MS, SLOTS } from './traffic-series.js';
import type { TrafficSnapshot } from './traffic-types.js';

function manualClock(start = 1_800_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('createTrafficRecorder', () => {
  it('computes rate, percentiles, status split and error rate per router, service and server', () => {
    const clock = manualClock();
    const traffic = createTrafficRecorder({ clock });
    // 30 s of traffic: 10 requests per 10 s slot, one of them a 503
    for (let slot = 0; slot < 3; slot++) {
      for (let i = 0; i < 9; i++) traffic.observer.onRequestEnd(requestRecord({ durationMs: 20 }));
      traffic.observer.onRequestEnd(requestRecord({ status: 503, durationMs: 900, server: 'http://10.0.0.3:80' }));
      clock.advance(SLOT_MS);
    }
    const snap = traffic.snapshot({ series: true });
    const service = snap.services[0]!;
    expect(service.name).toBe('app@docker');
    expect(service.rps).toBeCloseTo(1, 6);
    expect(service.requests).toBe(30);
    expect(service.status).toEqual({ '1xx': 0, '2xx': 27, '3xx': 0, '4xx': 0, '5xx': 3 });
    expect(service.errorRate).toBeCloseTo(0.1, 6);
    expect(service.p50).toBeGreaterThan(15);
    expect(service.p50).toBeLessThanOrEqual(20);
    expect(service.p99).toBeGreaterThan(750);
    expect(snap.routers.map((r) => r.name)).toEqual(['app@docker']);
    expect(snap.servers.map((s) => [s.service, s.name, s.requests])).toEqual([
      ['app@docker', 'http://10.0.0.2:80', 27],
      ['app@docker', 'http://10.0.0.3:80', 3],
    ]);
    const series = service.series!;
    expect(series.rps).toHaveLength(SLOTS);
    expect(series.rps.slice(-4)).toEqual([0, 1, 1, 1]);
    expect(series.errors.slice(-3)).toEqual([1, 1, 1]);
  });

  it('rotates slots: traffic older than 15 minutes leaves the window and idle elements are forgotten', () => {
    const clock = manualClock();
    const traffic = createTrafficRecorder({ clock });
    for (let i = 0; i < 50; i++) traffic.observer.onRequestEnd(requestRecord({ router: 'old@file', service: 'old@file' }));
    clock.advance(SLOT_MS * 45);
    traffic.observer.onRequestEnd(requestRecord());
    let snap = traffic.snapshot();
    expect(snap.services.find((s) => s.name === 'old@file')?.requests).toBe(50);
    expect(snap.services.find((s) => s.name === 'old@file')?.rps).toBe(0);
    clock.advance(SLOT_MS * 45);
    traffic.observer.onRequestEnd(requestRecord());
    snap = traffic.snapshot();
    expect(snap.services.find((s) => s.name === 'old@file')).toBeUndefined();
    expect(snap.services.find((s) => s.name === 'app@docker')?.requests).toBe(2);
    // a slot reused one lap later starts from zero
    clock.advance(SLOT_MS * SLOTS);
    traffic.observer.onRequestEnd(requestRecord());
    expect(traffic.snapshot().services[0]!.requests).toBe(1);
  });

  it('builds a stats table with health from the view, idle servers included', () => {
    const clock = manualClock();
    const traffic = createTrafficRecorder({ clock });
    traffic.observer.onRequestEnd(requestRecord({ durationMs: 5000, attempts: 1 }));
    traffic.observer.onRequestEnd(requestRecord({ status: 502, errorCode: 'WHARF_UPSTREAM_CONNECT' }));
    clock.advance(SLOT_MS);
    const view = {
      services: {
        'app@docker': {
          health: { servers: [{ url: 'http://10.0.0.2:80', state: 'UP' }, { url: 'http://10.0.0.9:80', state: 'DOWN' }] },
        },
      },
    } as unknown as RuntimeView;
    const rows = traffic.stats(view).servers;
    expect(rows.map((r) => [r.url, r.health, r.total, r.errors, r.retries])).toEqual([
      ['http://10.0.0.2:80', 'UP', 2, 1, 1],
      ['http://10.0.0.9:80', 'DOWN', 0, 0, 0],
    ]);
    // Little's law: 5.012 s of work in a 10 s slot ≈ 0.5 requests in flight
    expect(rows[0]!.current).toBeCloseTo(0.5012, 3);
    expect(rows[0]!.max).toBeCloseTo(0.5012, 3);
  });

  it('pushes compact snapshots to subscribers until they leave', async () => {
    const errors: unknown[] = [];
    const traffic = createTrafficRecorder({ pushIntervalMs: 20, onListenerError: (e) => errors.push(e) });
    traffic.observer.onRequestEnd(requestRecord());
    const got: TrafficSnapshot[] = [];
    const stopBroken = traffic.subscribe(() => {
      throw new Error('listener bug');
    });
    const stop = traffic.subscribe((s) => got.push(s));
    for (let i = 0; i < 200 && got.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    stop();
    stopBroken();
    expect(errors.length).toBeGreaterThanOrEqual(2);
    const n = got.length;
    expect(n).toBeGreaterThanOrEqual(2);
    expect(got[0]!.services[0]!.requests).toBe(1);
    expect(got[0]!.services[0]!.series).toBeUndefined();
    await new Promise((r) => setTimeout(r, 80));
    expect(got.length).toBe(n);
    traffic.close();
  });

  it('serves /api/wharf/traffic and /api/wharf/traffic/stats over HTTP', async () => {
    const traffic = createTrafficRecorder();
    traffic.observer.onRequestEnd(requestRecord());
    const app = Fastify();
    registerTrafficRoutes(app, traffic, { view: () => ({ services: {} }) as unknown as RuntimeView });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const snap = (await (await fetch(`${url}/api/wharf/traffic`)).json()) as TrafficSnapshot;
      expect(snap.services[0]!.series!.rps).toHaveLength(SLOTS);
      const compact = (await (await fetch(`${url}/api/wharf/traffic?series=false`)).json()) as TrafficSnapshot;
      expect(compact.services[0]!.series).toBeUndefined();
      const stats = (await (await fetch(`${url}/api/wharf/traffic/stats`)).json()) as { servers: { url: string; total: number; health: string }[] };
      expect(stats.servers).toEqual([expect.objectContaining({ url: 'http://10.0.0.2:80', total: 1, health: 'unknown' })]);
    } finally {
      await app.close();
    }
  });
});
