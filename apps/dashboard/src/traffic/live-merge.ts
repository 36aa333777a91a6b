import type { TrafficSeriesPoints, TrafficSnapshot, TrafficSummary } from '@wharf/config';

/**
 * The traffic the dashboard shows: the last full snapshot (with per-slot series) plus one live
 * tail point per element, appended from the compact `traffic` events between refetches.
 */
export interface LiveTraffic {
  snapshot: TrafficSnapshot;
  /** the slot (epoch ms ÷ slot length) whose tail point was appended client-side */
  liveSlot?: number;
}

type Kind = 'routers' | 'services' | 'servers';
const kinds: Kind[] = ['routers', 'services', 'servers'];

const summaryKey = (s: TrafficSummary): string => `${s.service ?? ''}|${s.name}`;

/** One series point from a summary's rolling numbers. */
function livePoint(s: TrafficSummary, slotSeconds: number): { rps: number; p95: number; errors: number } {
  return { rps: s.rps, p95: s.p95, errors: Math.round(s.errorRate * s.rps * slotSeconds) };
}

function withTail(prev: TrafficSeriesPoints | undefined, point: ReturnType<typeof livePoint>, replace: boolean, slots: number): TrafficSeriesPoints {
  const base = prev ?? { rps: [], p95: [], errors: [] };
  const next = (values: number[], v: number): number[] => [...(replace ? values.slice(0, -1) : values), v].slice(-slots);
  return { rps: next(base.rps, point.rps), p95: next(base.p95, point.p95), errors: next(base.errors, point.errors) };
}

/** Applies a compact event snapshot: its numbers win, series keep history plus the live tail. */
export function mergeLive(current: LiveTraffic | undefined, event: TrafficSnapshot): LiveTraffic {
  const slotSeconds = event.slotSeconds > 0 ? event.slotSeconds : 10;
  const at = Date.parse(event.at);
  const slot = Number.isFinite(at) ? Math.floor(at / (slotSeconds * 1000)) : (current?.liveSlot ?? 0) + 1;
  const replace = current?.liveSlot === slot;
  const merged: TrafficSnapshot = { ...event, routers: [], services: [], servers: [] };
  for (const kind of kinds) {
    const prev = new Map((current?.snapshot[kind] ?? []).map((s) => [summaryKey(s), s.series]));
    merged[kind] = event[kind].map((s) => ({
      ...s,
      series: withTail(prev.get(summaryKey(s)), livePoint(s, slotSeconds), replace, event.slots > 0 ? event.slots : 90),
    }));
  }
  return { snapshot: merged, liveSlot: slot };
}

/** Totals over the routers (each request matches at most one router). */
export function trafficTotals(snapshot: TrafficSnapshot): { rps: number; requests: number; errors: number; errorRate: number; p95: number } {
  let rps = 0;
  let requests = 0;
  let errors = 0;
  let p95 = 0;
  for (const r of snapshot.routers) {
    rps += r.rps;
    requests += r.requests;
    errors += r.status['5xx'];
    p95 = Math.max(p95, r.p95);
  }
  return { rps, requests, errors, errorRate: requests > 0 ? errors / requests : 0, p95 };
}
