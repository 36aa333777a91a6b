import type { TrafficSnapshot, TrafficSummary } from '@wharf/config';
import { detailHref } from '../nav/element-href.js';
import { trafficTotals } from './live-merge.js';
import { Sparkline } from './sparkline.js';
import { maxSeries, sumSeries } from './sparkline-math.js';
import { formatMs, formatPercent, formatRps } from './traffic-format.js';
import { useTraffic } from './traffic-provider.js';

function Metric({ title, value, values, label, color, slots }: { title: string; value: string; values: number[]; label: string; color: string; slots: number }) {
  return (
    <div className="traffic-metric" data-metric={title}>
      <span className="muted">{title}</span>
      <span className="value">{value}</span>
      <Sparkline values={values} label={label} color={color} slots={slots} width={200} height={36} />
    </div>
  );
}

/** Total requests/s, error rate and p95 over every router, moving with the live events. */
function TrafficTotalsStrip({ snapshot }: { snapshot: TrafficSnapshot }) {
  const t = trafficTotals(snapshot);
  const rps = sumSeries(snapshot.routers.map((r) => r.series?.rps ?? []));
  const errors = sumSeries(snapshot.routers.map((r) => r.series?.errors ?? []));
  const p95 = maxSeries(snapshot.routers.map((r) => r.series?.p95 ?? []));
  return (
    <section className="card" aria-label="Live traffic">
      <h2>Live traffic</h2>
      <div className="traffic-strip">
        <Metric title="Requests/s" value={formatRps(t.rps)} values={rps} slots={snapshot.slots} color="var(--accent)" label={`Total requests per second: ${formatRps(t.rps)}`} />
        <Metric title="Error rate" value={formatPercent(t.errorRate)} values={errors} slots={snapshot.slots} color="var(--err)" label={`5xx error rate ${formatPercent(t.errorRate)}, ${t.errors} errors in ${t.requests} requests`} />
        <Metric title="p95 (slowest router)" value={formatMs(t.p95)} values={p95} slots={snapshot.slots} color="var(--warn)" label={`Slowest router p95 latency ${formatMs(t.p95)}`} />
      </div>
    </section>
  );
}

/** The busiest elements of a kind, each with its requests/s sparkline. */
function TrafficRows({ title, kind, items, slots, limit = 8 }: { title: string; kind: 'routers' | 'services'; items: TrafficSummary[]; slots: number; limit?: number }) {
  const top = [...items].sort((a, b) => b.rps - a.rps || a.name.localeCompare(b.name)).slice(0, limit);
  return (
    <section className="card" aria-label={`${title} traffic`}>
      <h3>{title} <span className="muted">requests/s</span></h3>
      {top.length === 0 ? (
        <p className="muted">No traffic in the last 15 minutes.</p>
      ) : (
        <ul className="traffic-rows">
          {top.map((s) => (
            <li key={s.name} data-traffic={s.name}>
              <a className="name" href={detailHref('http', kind, s.name)} title={s.name}>{s.name}</a>
              <Sparkline values={s.series?.rps ?? []} slots={slots} width={280} height={28} label={`${s.name} requests per second, now ${formatRps(s.rps)}`} />
              <span className="num">{formatRps(s.rps)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The overview's traffic block; hidden until the first snapshot arrives. */
export function TrafficOverview() {
  const { traffic, error } = useTraffic();
  if (!traffic) return error ? <p className="muted">Live traffic unavailable: {error}</p> : null;
  return (
    <>
      <TrafficTotalsStrip snapshot={traffic} />
      <div className="traffic-grid">
        <TrafficRows title="Routers" kind="routers" items={traffic.routers} slots={traffic.slots} />
        <TrafficRows title="Services" kind="services" items={traffic.services} slots={traffic.slots} />
      </div>
    </>
  );
}
