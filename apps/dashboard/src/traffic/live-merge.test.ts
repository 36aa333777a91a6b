import { describe, expect, it } from 'vitest';
import { compactTraffic, trafficFixture } from './fixtures/traffic-fixture.js';
import { mergeLive, trafficTotals } from './live-merge.js';

const base = { snapshot: trafficFixture };
const rpsOf = (l: ReturnType<typeof mergeLive>, name: string) => l.snapshot.routers.find((r) => r.name === name)!.series!.rps;

describe('mergeLive', () => {
  it('appends one live point per element and takes the event numbers', () => {
    const next = mergeLive(base, compactTraffic(trafficFixture, '2026-11-25T00:30:02.000Z', 2));
    const before = trafficFixture.routers[0]!.series!.rps;
    expect(rpsOf(next, 'api@file')).toEqual([...before, 24]);
    expect(next.snapshot.routers[0]!.rps).toBe(24);
    expect(next.snapshot.servers.find((s) => s.name === 'http://10.0.0.11:3000')!.series!.rps.at(-1)).toBe(0);
  });

  it('replaces the tail within the same slot and appends in the next one', () => {
    const a = mergeLive(base, compactTraffic(trafficFixture, '2026-11-25T00:30:02.000Z', 1));
    const b = mergeLive(a, compactTraffic(trafficFixture, '2026-11-25T00:30:06.000Z', 3));
    const len = trafficFixture.routers[0]!.series!.rps.length;
    expect(rpsOf(b, 'api@file')).toHaveLength(len + 1);
    expect(rpsOf(b, 'api@file').at(-1)).toBe(36);
    const c = mergeLive(b, compactTraffic(trafficFixture, '2026-11-25T00:30:11.000Z', 0.5));
    expect(rpsOf(c, 'api@file')).toHaveLength(len + 2);
    expect(rpsOf(c, 'api@file').slice(-2)).toEqual([36, 6]);
  });

  it('keeps at most `slots` points and starts a series for a new element', () => {
    let l = mergeLive(undefined, { ...compactTraffic(trafficFixture, '2026-11-25T00:00:00.000Z'), slots: 3 });
    expect(rpsOf(l, 'api@file')).toEqual([12]);
    for (let i = 1; i <= 5; i++) l = mergeLive(l, { ...compactTraffic(trafficFixture, new Date(Date.UTC(2026, 10, 25, 0, 0, i * 10)).toISOString(), i), slots: 3 });
    expect(rpsOf(l, 'api@file')).toEqual([36, 48, 60]);
  });

  it('estimates the errors point from the error rate', () => {
    const event = compactTraffic(trafficFixture, '2026-11-25T00:30:02.000Z');
    event.routers[0] = { ...event.routers[0]!, rps: 10, errorRate: 0.5 };
    expect(mergeLive(base, event).snapshot.routers[0]!.series!.errors.at(-1)).toBe(50);
  });
});

describe('trafficTotals', () => {
  it('sums routers and takes the slowest p95', () => {
    const t = trafficTotals(trafficFixture);
    const [api, whoami] = trafficFixture.routers;
    expect(t.rps).toBeCloseTo(api!.rps + whoami!.rps);
    expect(t.requests).toBe(api!.requests + whoami!.requests);
    expect(t.errors).toBe(api!.status['5xx'] + whoami!.status['5xx']);
    expect(t.errorRate).toBeCloseTo(t.errors / t.requests);
    expect(t.p95).toBe(18.5);
    expect(trafficTotals({ ...trafficFixture, routers: [] })).toEqual({ rps: 0, requests: 0, errors: 0, errorRate: 0, p95: 0 });
  });
});
