import type { ProviderElementCounts, ProviderState } from '@wharf/config';
import { useApi } from '../live/use-api.js';
import { Empty, Failure, Loading } from '../components/states.js';

const stateClass: Record<ProviderState['state'], string> = { connected: 'enabled', starting: 'muted', retrying: 'disabled', stopped: 'muted' };

function countsText(e: ProviderElementCounts | undefined): string {
  if (!e) return 'no snapshot yet';
  const parts = [`HTTP ${e.http.routers} routers · ${e.http.services} services · ${e.http.middlewares} middlewares`];
  if (e.tcp.routers + e.tcp.services + e.tcp.middlewares > 0) parts.push(`TCP ${e.tcp.routers} routers · ${e.tcp.services} services`);
  if (e.udp.routers + e.udp.services > 0) parts.push(`UDP ${e.udp.routers} routers · ${e.udp.services} services`);
  return parts.join(' — ');
}

function ProviderCard({ p }: { p: ProviderState }) {
  return (
    <section className="card" aria-label={p.name}>
      <h2>
        {p.name} <span className={`badge badge-${stateClass[p.state]}`}>{p.state}</span>
      </h2>
      <p>
        {p.state === 'retrying' ? 'source lost since ' : 'since '}
        <time dateTime={p.since}>{p.since}</time>
        {p.nextRetryAt ? <> · next try <time dateTime={p.nextRetryAt}>{p.nextRetryAt}</time></> : null}
      </p>
      <p>Last snapshot: {p.lastSnapshotAt ?? 'none'}</p>
      <p>{countsText(p.elements)}{p.elements ? ` · ${p.elements.diagnostics} diagnostics` : ''}</p>
      <p>Restarts: {p.restarts}</p>
      {p.lastError ? (
        <p role="alert">
          <code>{p.lastError.code}</code> {p.lastError.message} ({p.lastError.at})
        </p>
      ) : null}
    </section>
  );
}

/** Each provider's runner state: connected or retrying since when, what it last sent, its last error. */
export function ProvidersPage() {
  const all = useApi<ProviderState[]>('api/wharf/providers');
  return (
    <div className="page">
      <h1>Providers</h1>
      <p className="muted">A provider that lost its source keeps serving its last snapshot while wharf reconnects.</p>
      {all.error ? <Failure message={all.error} /> : null}
      {!all.data && !all.error ? <Loading /> : null}
      {all.data && all.data.length === 0 ? <Empty /> : null}
      {(all.data ?? []).map((p) => (
        <ProviderCard key={p.name} p={p} />
      ))}
    </div>
  );
}
