import type { HttpExchange } from '@wharf/config';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { requestRecord } from '../fixtures/records.js';
import { createTrafficRecorder } from './create-traffic-recorder.js';
import { InFlightCounter, InFlightTable } from './in-flight.js';
import { registerTrafficRoutes } from './traffic-routes.js';
import { SLOT_MS, SLOTS } from './traffic-series.js';

function manualClock(start = 1_800_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

/** what the proxy hands to onRequestStart: routed, no server yet */
function routed(router: string, service?: string): HttpExchange {
  return { routerName: router, serviceName: service } as HttpExchange;
}

describe('InFlightCounter', () => {
  it('keeps current and the highest count of the current slot; max resets when the slot changes', () => {
    const c = new InFlightCounter();
    c.enter(10), c.enter(10), c.enter(10), c.leave(10), c.leave(10);
    expect([c.current, c.max(10)]).toEqual([1, 3]);
    // next slot: max starts from what is still in flight, the completed slot's max is kept
    expect([c.max(11), c.previousMax(11)]).toEqual([1, 3]);
    c.enter(11);
    expect([c.current, c.max(11)]).toEqual([2, 2]);
    // a gap of idle slots: the last completed slot held `current` throughout
    expect([c.max(20), c.previousMax(20)]).toEqual([2, 2]);
    c.leave(20), c.leave(20);
    expect([c.current, c.max(20)]).toEqual([0, 2]);
  });

  it('never goes below zero', () => {
    const c = new InFlightCounter();
    c.leave(1);
    c.enter(1, 2);
    c.leave(1, 5);
    expect(c.current).toBe(0);
  });
});

describe('InFlightTable', () => {
  it('moves a router’s in-flight requests to its new service when a reload changes it', () => {
    const t = new InFlightTable();
    t.start(1, 'r@file', 'old@file');
    t.start(1, 'r@file', 'old@file');
    t.start(1, 'r@file', 'new@file');
    expect(t.services.get('old@file')!.current).toBe(0);
    expect(t.services.get('new@file')!.current).toBe(3);
    t.end(1, 'r@file'), t.end(1, 'r@file'), t.end(1, 'r@file');
    expect([t.routers.get('r@file')!.current, t.services.get('new@file')!.current]).toEqual([0, 0]);
    // an end without a start (an observer added late) is ignored
    t.end(1, 'r@file');
    t.end(1, 'unknown@file');
    expect(t.rows('routers', 1, SLOTS)).toEqual([{ name: 'r@file', current: 0, max: 3, lastSlotMax: 0 }]);
  });

  it('forgets elements idle for the window, keeps the ones in flight', () => {
    const t = new InFlightTable();
    t.start(1, 'busy@file', 'busy@file');
    t.start(1, 'done@file', 'done@file');
    t.end(1, 'done@file');
    expect(t.rows('routers', 1 + SLOTS, SLOTS).map((r) => r.name)).toEqual(['busy@file']);
    expect(t.rows('services', 1 + SLOTS, SLOTS).map((r) => r.name)).toEqual(['busy@file']);
  });
});

describe('traffic recorder: exact in-flight per router and service', () => {
  it('counts overlapping requests exactly with an injected clock', () => {
    const clock = manualClock();
    const traffic = createTrafficRecorder({ clock });
    const { observer } = traffic;
    // five overlapping requests: a1..a3 on router a, b1 b2 on router b, both on service app
    for (let i = 0; i < 3; i++) observer.onRequestStart!(routed('a@docker', 'app@docker'));
    for (let i = 0; i < 2; i++) observer.onRequestStart!(routed('b@docker', 'app@docker'));
    clock.advance(1000);
    observer.onRequestEnd(requestRecord({ router: 'a@docker', service: 'app@docker', durationMs: 1000 }));
    // a weighted child answered: the end is still counted on the router's own service
    observer.onRequestEnd(requestRecord({ router: 'b@docker', service: 'child@docker', durationMs: 1000 }));
    const s = traffic.stats().inFlight;
    expect(s.routers).toEqual([
      { name: 'a@docker', current: 2, max: 3, lastSlotMax: 0 },
      { name: 'b@docker', current: 1, max: 2, lastSlotMax: 0 },
    ]);
    expect(s.services).toEqual([{ name: 'app@docker', current: 3, max: 5, lastSlotMax: 0 }]);
  });

  it('resets max per 10 s slot and leaks nothing once every request ended (errors, aborts)', () => {
    const clock = manualClock();
    const traffic = createTrafficRecorder({ clock });
    const { observer } = traffic;
    for (let i = 0; i < 4; i++) observer.onRequestStart!(routed('a@docker', 'app@docker'));
    observer.onRequestEnd(requestRecord({ router: 'a@docker', status: 502, errorCode: 'WHARF_UPSTREAM_CONNECT' }));
    observer.onRequestEnd(requestRecord({ router: 'a@docker', status: 499, server: undefined }));
    clock.advance(SLOT_MS);
    let row = traffic.stats().inFlight.services[0]!;
    expect([row.current, row.max, row.lastSlotMax]).toEqual([2, 2, 4]);
    observer.onRequestEnd(requestRecord({ router: 'a@docker', status: 500 }));
    observer.onRequestEnd(requestRecord({ router: 'a@docker' }));
    clock.advance(SLOT_MS);
    row = traffic.stats().inFlight.services[0]!;
    expect([row.current, row.max, row.lastSlotMax]).toEqual([0, 0, 2]);
    expect(traffic.stats().inFlight.routers[0]!.current).toBe(0);
  });

  it('serves inFlight next to the unchanged stats table on /api/wharf/traffic/stats', async () => {
    const traffic = createTrafficRecorder({ clock: manualClock() });
    traffic.observer.onRequestStart!(routed('a@docker', 'app@docker'));
    const app = Fastify();
    registerTrafficRoutes(app, traffic);
    const body = (await app.inject({ url: '/api/wharf/traffic/stats' })).json();
    expect(Object.keys(body).sort()).toEqual(['at', 'inFlight', 'servers']);
    expect(body.inFlight.routers).toEqual([{ name: 'a@docker', current: 1, max: 1, lastSlotMax: 0 }]);
    await app.close();
  });
});
