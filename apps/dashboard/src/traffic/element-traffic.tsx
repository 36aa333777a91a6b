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

const NoTraffic = ({ title }: { title: string }) => (
  <section className="card" aria-label="Traffic">
    <h2>{title}</h2>
    <p className="muted">No traffic in the last 15 minutes.</p>
  </section>
);

/** Router page: requests/s, p95 and 5xx sparklines plus the numbers. */
export function RouterTraffic({ name }: { name: string }) {
  const { traffic } = useTraffic();
  const s = traffic?.routers.find((r) => r.name === name);
  if (!traffic) return null;
  if (!s) return <NoTraffic title="Traffic" />;
  const series = s.series ?? { rps: [], p95: [], errors: [] };
  return (
    <section className="card" aria-label="Traffic">
      <h2>Traffic</h2>
      <div className="traffic-strip">
        <div className="traffic-metric"><span className="muted">Requests/s {formatRps(s.rps)}</span><Sparkline values={series.rps} slots={traffic.slots} width={200} label={`${name} requests per second, now ${formatRps(s.rps)}`} /></div>
        <div className="traffic-metric"><span className="muted">p95 {formatMs(s.p95)}</span><Sparkline values={series.p95} slots={traffic.slots} width={200} color="var(--warn)" label={`${name} p95 latency, now ${formatMs(s.p95)}`} /></div>
        <div className="traffic-metric"><span className="muted">5xx {formatPercent(s.errorRate)}</span><Sparkline values={series.errors} slots={traffic.slots} width={200} color="var(--err)" label={`${name} 5xx errors per slot, error rate ${formatPercent(s.errorRate)}`} /></div>
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
  if (!s && servers.every((x) => !x.summary)) return <NoTraffic title="Traffic" />;
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
