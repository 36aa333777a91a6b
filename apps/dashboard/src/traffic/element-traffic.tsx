import type { ServerState, TrafficSnapshot, TrafficSummary } from '@wharf/config';
import { ServerStateBadge } from '../components/status-badge.js';
import { lineColor, MultiLineChart } from './multi-line-chart.js';
import { Sparkline } from './sparkline.js';
import { StatusSplitBar } from './status-split.js';
import { formatCount, formatMs, formatPercent, formatRps } from './traffic-format.js';
import { useTraffic } from './traffic-provider.js';

function Percentiles({ s }: { s: TrafficSummary }) {
  return (
    <dl className="def" aria-label="Latency percentiles">
      <div className="def-row"><dt>Requests/s</dt><dd>{formatRps(s.rps)}</dd></div>
      <div className="def-row"><dt>Requests (15 min)</dt><dd>{formatCount(s.requests)}</dd></div>
      <div className="def-row"><dt>Latency p50 / p95 / p99</dt><dd>{formatMs(s.p50)} / {formatMs(s.p95)} / {formatMs(s.p99)}</dd></div>
      <div className="def-row"><dt>Error rate (5xx)</dt><dd>{formatPercent(s.errorRate)}</dd></div>
    </dl>
  );
}

const NoTraffic = () => (
  <section className="card" aria-label="Traffic">
    <h2>Traffic</h2>
    <p className="muted">No traffic in the last 15 minutes.</p>
  </section>
);

function SeriesMetric({ title, values, slots, color, label }: { title: string; values: number[]; slots: number; color?: string; label: string }) {
  return (
    <div className="traffic-metric">
      <span className="muted">{title}</span>
      <Sparkline values={values} slots={slots} width={200} label={label} {...(color ? { color } : {})} />
    </div>
  );
}

/** Router page: requests/s, p95 and 5xx sparklines plus the numbers. */
export function RouterTraffic({ name }: { name: string }) {
  const { traffic } = useTraffic();
  if (!traffic) return null;
  const s = traffic.routers.find((r) => r.name === name);
  if (!s) return <NoTraffic />;
  const series = s.series ?? { rps: [], p95: [], errors: [] };
  const slots = traffic.slots;
  return (
    <section className="card" aria-label="Traffic">
      <h2>Traffic</h2>
      <div className="traffic-strip">
        <SeriesMetric title={`Requests/s ${formatRps(s.rps)}`} values={series.rps} slots={slots} label={`${name} requests per second, now ${formatRps(s.rps)}`} />
        <SeriesMetric title={`p95 ${formatMs(s.p95)}`} values={series.p95} slots={slots} color="var(--warn)" label={`${name} p95 latency, now ${formatMs(s.p95)}`} />
        <SeriesMetric title={`5xx ${formatPercent(s.errorRate)}`} values={series.errors} slots={slots} color="var(--err)" label={`${name} 5xx errors per slot, error rate ${formatPercent(s.errorRate)}`} />
      </div>
      <Percentiles s={s} />
      <StatusSplitBar status={s.status} />
    </section>
  );
}

export interface ConfiguredServer {
  url: string;
  state?: ServerState;
}

/** Every configured server plus any server seen in traffic, each with its summary (if any). */
function serverLines(traffic: TrafficSnapshot, name: string, configured: readonly ConfiguredServer[]) {
  const seen = new Map(traffic.servers.filter((x) => x.service === name).map((x) => [x.name, x]));
  const urls = [...new Set([...configured.map((c) => c.url), ...seen.keys()])];
  const states = new Map(configured.map((c) => [c.url, c.state]));
  return urls.map((url) => ({ url, state: states.get(url), summary: seen.get(url) }));
}

/** Service page: requests/s per server on one chart (the balancer's split), percentiles, status split. */
export function ServiceTraffic({ name, servers: configured = [] }: { name: string; servers?: readonly ConfiguredServer[] }) {
  const { traffic } = useTraffic();
  if (!traffic) return null;
  const s = traffic.services.find((x) => x.name === name);
  const servers = serverLines(traffic, name, configured);
  if (!s && servers.every((x) => !x.summary)) return <NoTraffic />;
  const rpsOf = (x: (typeof servers)[number]) => formatRps(x.summary?.rps ?? 0);
  const summary = servers.map((x) => `${x.url}${x.state === 'DOWN' ? ' (DOWN)' : ''} ${rpsOf(x)}/s`).join(', ');
  return (
    <section className="card" aria-label="Traffic">
      <h2>Traffic</h2>
      <h3 className="muted">Requests/s per server</h3>
      <MultiLineChart
        slots={traffic.slots}
        label={`Requests per second per server: ${summary || 'none'}`}
        lines={servers.map((x) => ({ key: x.url, label: x.url, values: x.summary?.series?.rps ?? [] }))}
      />
      <ul className="chart-legend" aria-label="Servers">
        {servers.map((x, i) => (
          <li key={x.url} data-server-traffic={x.url}>
            <span className="swatch" style={{ background: lineColor(i) }} aria-hidden="true" />
            <code>{x.url}</code> {x.state ? <ServerStateBadge state={x.state} /> : null} {rpsOf(x)}/s · p95 {formatMs(x.summary?.p95 ?? 0)}
          </li>
        ))}
      </ul>
      {s ? (
        <>
          <Percentiles s={s} />
          <StatusSplitBar status={s.status} />
        </>
      ) : null}
    </section>
  );
}
