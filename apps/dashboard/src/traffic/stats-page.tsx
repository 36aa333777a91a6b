import type { ServerStatsRow, TrafficStats } from '@wharf/config';
import { useEffect, useState } from 'react';
import { apiUrl } from '../api/api-base.js';
import { fetchJson } from '../api/fetch-json.js';
import { Failure, Loading } from '../components/states.js';
import { detailHref } from '../nav/element-href.js';
import { formatCount, formatMs, formatRps } from './traffic-format.js';
import { useTraffic } from './traffic-provider.js';

/**
 * `GET api/wharf/traffic/stats`, refetched on every live `traffic` event (every 2 s while
 * connected) and whenever the full traffic snapshot is refetched (30 s, without the stream).
 */
function useTrafficStats(): { data?: TrafficStats; error?: string } {
  const { revision, traffic } = useTraffic();
  const at = traffic?.at;
  const [state, setState] = useState<{ data?: TrafficStats; error?: string }>({});
  useEffect(() => {
    const ctrl = new AbortController();
    fetchJson<TrafficStats>(apiUrl('api/wharf/traffic/stats'), ctrl.signal).then(
      (r) => setState({ data: r.data }),
      (err: unknown) => {
        if (!ctrl.signal.aborted) setState((s) => ({ ...s, error: err instanceof Error ? err.message : String(err) }));
      },
    );
    return () => ctrl.abort();
  }, [revision, at]);
  return state;
}

const columns = ['Server', 'Cur', 'Max', 'Total', 'Errors', 'Retries', 'Health', 'Req/s', 'p95'];

function ServiceGroup({ service, rows }: { service: string; rows: ServerStatsRow[] }) {
  const total = rows.reduce((sum, r) => sum + r.total, 0);
  const errors = rows.reduce((sum, r) => sum + r.errors, 0);
  return (
    <tbody data-service={service}>
      <tr className="group">
        <th scope="rowgroup" colSpan={columns.length}>
          <a href={detailHref('http', 'services', service)}>{service}</a>{' '}
          <span className="muted">
            {rows.filter((r) => r.health === 'UP').length}/{rows.length} UP · total {formatCount(total)} · errors {formatCount(errors)}
          </span>
        </th>
      </tr>
      {rows.map((r) => (
        <tr key={r.url} data-server={r.url} className={r.health === 'DOWN' ? 'down' : undefined}>
          <td data-label="Server"><code>{r.url}</code></td>
          <td data-label="Cur" className="num">{r.current.toFixed(1)}</td>
          <td data-label="Max" className="num">{r.max.toFixed(1)}</td>
          <td data-label="Total" className="num" data-col="total">{formatCount(r.total)}</td>
          <td data-label="Errors" className="num">{formatCount(r.errors)}</td>
          <td data-label="Retries" className="num">{formatCount(r.retries)}</td>
          <td data-label="Health"><span className={`health-${r.health}`}>{r.health}</span></td>
          <td data-label="Req/s" className="num">{formatRps(r.rps)}</td>
          <td data-label="p95" className="num">{formatMs(r.p95)}</td>
        </tr>
      ))}
    </tbody>
  );
}

/** HAProxy-style stats: one row per server, grouped by service, live. */
export function StatsPage() {
  const stats = useTrafficStats();
  if (stats.error && !stats.data) return <Failure message={stats.error} />;
  if (!stats.data) return <Loading />;
  const groups = new Map<string, ServerStatsRow[]>();
  for (const row of stats.data.servers) groups.set(row.service, [...(groups.get(row.service) ?? []), row]);
  const services = [...groups.keys()].sort();
  return (
    <div className="page">
      <h1>Stats</h1>
      <p className="muted">
        Per server since start; Cur/Max are estimated requests in flight. Updated {new Date(stats.data.at).toLocaleTimeString()}.
      </p>
      {services.length === 0 ? (
        <p className="muted">No servers configured.</p>
      ) : (
        <div className="table-wrap">
          <table className="stats-table" aria-label="Server stats">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c} scope="col">{c}</th>
                ))}
              </tr>
            </thead>
            {services.map((s) => (
              <ServiceGroup key={s} service={s} rows={groups.get(s)!} />
            ))}
          </table>
        </div>
      )}
    </div>
  );
}
