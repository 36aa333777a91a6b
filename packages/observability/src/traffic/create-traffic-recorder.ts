import type { RequestObserver, RequestRecord, RuntimeView } from '@wharf/config';
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

export interface TrafficRecorder {
  observer: RequestObserver;
  /** per router, service and server over the last 15 minutes; `series` adds per-slot points */
  snapshot(opts?: { series?: boolean }): TrafficSnapshot;
  /** HAProxy-style per-server table, health from the runtime view */
  stats(view?: RuntimeView): TrafficStats;
  /** compact snapshot (no per-slot series) every `pushIntervalMs` while subscribed */
  subscribe(listener: (snapshot: TrafficSnapshot) => void): () => void;
  close(): void;
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = create()));
  return v;
}

function summarize(map: Map<string, TrafficSeries>, current: number, series: boolean, service?: string): TrafficSummary[] {
  const out: TrafficSummary[] = [];
  for (const [name, s] of map) {
    if (s.idle(current)) {
      map.delete(name); // bounded memory: elements idle for the whole window are forgotten
      continue;
    }
    const w = s.summarize(current);
    const summary: TrafficSummary = { name, ...(service === undefined ? {} : { service }), rps: w.rps, p50: w.p50, p95: w.p95, p99: w.p99, requests: w.requests, status: w.status, errorRate: w.errorRate };
    if (series) summary.series = s.points(current);
    out.push(summary);
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** Live traffic from in-process ring buffers (15 min of 10 s slots), no Prometheus needed. */
export function createTrafficRecorder(opts: TrafficRecorderOptions = {}): TrafficRecorder {
  const clock = opts.clock ?? { now: () => Date.now() };
  const routers = new Map<string, TrafficSeries>();
  const services = new Map<string, TrafficSeries>();
  const servers = new Map<string, Map<string, TrafficSeries>>();
  const listeners = new Set<(snapshot: TrafficSnapshot) => void>();
  let timer: NodeJS.Timeout | undefined;
  // factories hoisted so the per-request path allocates nothing once an element is known
  const create = () => new TrafficSeries();
  const createByUrl = () => new Map<string, TrafficSeries>();

  const observer: RequestObserver = {
    onRequestEnd(r: RequestRecord): void {
      const slot = Math.floor(clock.now() / SLOT_MS);
      if (r.router !== undefined) getOrCreate(routers, r.router, create).record(slot, r.status, r.durationMs, r.attempts);
      if (r.service === undefined) return;
      getOrCreate(services, r.service, create).record(slot, r.status, r.durationMs, r.attempts);
      if (r.server === undefined) return;
      const byUrl = getOrCreate(servers, r.service, createByUrl);
      getOrCreate(byUrl, r.server, create).record(slot, r.status, r.durationMs, r.attempts);
    },
  };

  function snapshot(o: { series?: boolean } = {}): TrafficSnapshot {
    const now = clock.now();
    const current = Math.floor(now / SLOT_MS);
    const series = o.series ?? false;
    const serverRows: TrafficSummary[] = [];
    for (const [service, byUrl] of servers) {
      serverRows.push(...summarize(byUrl, current, series, service));
      if (byUrl.size === 0) servers.delete(service);
    }
    return {
      at: new Date(now).toISOString(),
      slotSeconds: SLOT_MS / 1000,
      slots: SLOTS,
      routers: summarize(routers, current, series),
      services: summarize(services, current, series),
      servers: serverRows,
    };
  }

  function push(): void {
    const snap = snapshot();
    for (const l of listeners) {
      try {
        l(snap);
      } catch (err) {
        opts.onListenerError?.(err);
      }
    }
  }

  return {
    observer,
    snapshot,
    stats(view) {
      const now = clock.now();
      return { at: new Date(now).toISOString(), servers: buildStatsRows(servers, view, Math.floor(now / SLOT_MS)) };
    },
    subscribe(listener) {
      listeners.add(listener);
      if (timer === undefined) {
        timer = setInterval(push, opts.pushIntervalMs ?? 2000);
        timer.unref();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer !== undefined) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    close() {
      listeners.clear();
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    },
  };
}
