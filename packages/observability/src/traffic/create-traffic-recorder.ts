import type { RequestObserver, RequestRecord, RuntimeView } from '@wharf/config';
import { InFlightTable, type InFlightRow } from './in-flight.js';
import { createL4Meter, type L4Meter } from './l4-counters.js';
import { createSnapshotPush } from './snapshot-push.js';
import { buildStatsRows } from './stats-table.js';
import { SLOT_MS, SLOTS, TrafficSeries } from './traffic-series.js';
import type { TrafficClock, TrafficSnapshot, TrafficStats, TrafficSummary } from './traffic-types.js';

export interface TrafficRecorderOptions {
  /** default: Date.now */
  clock?: TrafficClock;
  /** push period of `subscribe`, default 2000 ms */
  pushIntervalMs?: number;
  /** called when a push listener throws */
  onListenerError?: (err: unknown) => void;
}

/** The stats table with its exact in-flight counts always present. */
export type TrafficStatsWithInFlight = TrafficStats & Required<Pick<TrafficStats, 'inFlight'>>;

export interface TrafficRecorder {
  observer: RequestObserver;
  /** TCP/UDP connections and bytes (the `l4` part of the snapshot) */
  l4: L4Meter;
  /** per router, service and server over the last 15 minutes; `series` adds per-slot points */
  snapshot(opts?: { series?: boolean }): TrafficSnapshot;
  /** HAProxy-style per-server table, health from the runtime view */
  stats(view?: RuntimeView): TrafficStatsWithInFlight;
  /** compact snapshot (no per-slot series) every `pushIntervalMs` while subscribed */
  subscribe(listener: (snapshot: TrafficSnapshot) => void): () => void;
  close(): void;
}

/** the ring buffers of every element seen in the window */
interface TrafficStore {
  routers: Map<string, TrafficSeries>;
  services: Map<string, TrafficSeries>;
  /** service → server URL → series (one URL may serve several services) */
  servers: Map<string, Map<string, TrafficSeries>>;
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = create()));
  return v;
}

// factories hoisted so the per-request path allocates nothing once an element is known
const createSeries = () => new TrafficSeries();
const createByUrl = () => new Map<string, TrafficSeries>();

function recordInto(store: TrafficStore, slot: number, r: RequestRecord): void {
  if (r.router !== undefined) getOrCreate(store.routers, r.router, createSeries).record(slot, r.status, r.durationMs, r.attempts);
  if (r.service === undefined) return;
  getOrCreate(store.services, r.service, createSeries).record(slot, r.status, r.durationMs, r.attempts);
  if (r.server === undefined) return;
  const byUrl = getOrCreate(store.servers, r.service, createByUrl);
  getOrCreate(byUrl, r.server, createSeries).record(slot, r.status, r.durationMs, r.attempts);
}

function summarize(map: Map<string, TrafficSeries>, current: number, series: boolean, service?: string): TrafficSummary[] {
  const out: TrafficSummary[] = [];
  for (const [name, s] of map) {
    if (s.idle(current)) {
      map.delete(name); // bounded memory: elements idle for the whole window are forgotten
      continue;
    }
    const w = s.summarize(current);
    const summary: TrafficSummary = {
      name,
      ...(service === undefined ? {} : { service }),
      rps: w.rps,
      p50: w.p50,
      p95: w.p95,
      p99: w.p99,
      requests: w.requests,
      status: w.status,
      errorRate: w.errorRate,
    };
    if (series) summary.series = s.points(current);
    out.push(summary);
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

function buildSnapshot(store: TrafficStore, now: number, series: boolean, l4: L4Meter): TrafficSnapshot {
  const current = Math.floor(now / SLOT_MS);
  const servers: TrafficSummary[] = [];
  for (const [service, byUrl] of store.servers) {
    servers.push(...summarize(byUrl, current, series, service));
    if (byUrl.size === 0) store.servers.delete(service);
  }
  return {
    at: new Date(now).toISOString(),
    slotSeconds: SLOT_MS / 1000,
    slots: SLOTS,
    routers: summarize(store.routers, current, series),
    services: summarize(store.services, current, series),
    servers,
    l4: l4.snapshot(),
  };
}

/** Live traffic from in-process ring buffers (15 min of 10 s slots), no Prometheus needed. */
export function createTrafficRecorder(opts: TrafficRecorderOptions = {}): TrafficRecorder {
  const clock = opts.clock ?? { now: () => Date.now() };
  const store: TrafficStore = { routers: new Map(), services: new Map(), servers: new Map() };
  const l4 = createL4Meter();
  const snapshot = (o: { series?: boolean } = {}) => buildSnapshot(store, clock.now(), o.series ?? false, l4);
  const push = createSnapshotPush(() => snapshot(), opts.pushIntervalMs ?? 2000, opts.onListenerError);
  const inFlight = new InFlightTable();
  const observer: RequestObserver = {
    onRequestStart(ex) {
      if (ex.routerName !== undefined) inFlight.start(Math.floor(clock.now() / SLOT_MS), ex.routerName, ex.serviceName);
    },
    onRequestEnd(r) {
      const slot = Math.floor(clock.now() / SLOT_MS);
      if (r.router !== undefined) inFlight.end(slot, r.router);
      recordInto(store, slot, r);
    },
  };
  return {
    observer,
    l4,
    snapshot,
    stats(view) {
      const now = clock.now();
      const slot = Math.floor(now / SLOT_MS);
      return {
        at: new Date(now).toISOString(),
        servers: buildStatsRows(store.servers, view, slot),
        inFlight: { routers: inFlight.rows('routers', slot, SLOTS), services: inFlight.rows('services', slot, SLOTS) },
      };
    },
    subscribe: (listener) => push.subscribe(listener),
    close: () => push.close(),
  };
}
