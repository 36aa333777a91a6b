import type { RuntimeView, ServerState } from '@wharf/config';
import { TrafficSeries } from './traffic-series.js';
import type { ServerStatsRow } from './traffic-types.js';

/** service → server URL → state, from the runtime view (live health summary, else serverStatus) */
function healthOf(view: RuntimeView | undefined): Map<string, Map<string, ServerState>> {
  const out = new Map<string, Map<string, ServerState>>();
  for (const [name, svc] of Object.entries(view?.services ?? {})) {
    const states = new Map<string, ServerState>();
    for (const s of svc.health?.servers ?? []) states.set(s.url, s.state);
    for (const [url, state] of Object.entries(svc.serverStatus ?? {})) if (!states.has(url)) states.set(url, state);
    for (const s of svc.loadBalancer?.servers ?? []) if (!states.has(s.url)) states.set(s.url, 'UP');
    if (states.size > 0) out.set(name, states);
  }
  return out;
}

const IDLE = new TrafficSeries();

/** HAProxy-style rows: every configured server (even idle) plus servers seen in traffic. */
export function buildStatsRows(servers: Map<string, Map<string, TrafficSeries>>, view: RuntimeView | undefined, current: number): ServerStatsRow[] {
  const health = healthOf(view);
  const keys = new Map<string, Set<string>>();
  for (const [svc, urls] of health) keys.set(svc, new Set(urls.keys()));
  for (const [svc, urls] of servers) for (const url of urls.keys()) (keys.get(svc) ?? keys.set(svc, new Set()).get(svc)!).add(url);
  const rows: ServerStatsRow[] = [];
  for (const [service, urls] of keys) {
    for (const url of urls) {
      const series = servers.get(service)?.get(url) ?? IDLE;
      const w = series.summarize(current);
      rows.push({
        service,
        url,
        current: w.concurrency,
        max: w.maxConcurrency,
        total: series.total,
        errors: series.errors,
        retries: series.retries,
        health: health.get(service)?.get(url) ?? 'unknown',
        rps: w.rps,
        p95: w.p95,
      });
    }
  }
  return rows.sort((a, b) => (a.service === b.service ? a.url.localeCompare(b.url) : a.service.localeCompare(b.service)));
}
