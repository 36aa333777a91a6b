import type { EntryPointInfo } from '@wharf/config';
import type { SectionCounts, WharfOverview } from '@wharf/api';
import type { ReactNode } from 'react';
import { useApi } from '../live/use-api.js';
import { hrefFor } from '../nav/hash-location.js';
import { Loading, Failure } from '../components/states.js';
import { L4Totals } from '../traffic/l4-traffic.js';
import { TrafficOverview } from '../traffic/traffic-overview.js';

function StatsCard({ title, counts, listPath, children }: { title: string; counts: SectionCounts; listPath: string; children?: ReactNode }) {
  const success = counts.total - counts.warnings - counts.errors;
  return (
    <section className="card stats" aria-label={title}>
      <h3>
        <a href={hrefFor(listPath)}>{title}</a> <span className="muted">{counts.total}</span>
      </h3>
      {counts.total === 0 ? (
        <p className="muted">No related objects to show.</p>
      ) : (
        <ul className="legend">
          <li>
            <a href={hrefFor(listPath, { status: 'enabled' })} className="dot-enabled">Success {success}</a>
          </li>
          <li>
            <a href={hrefFor(listPath, { status: 'warning' })} className="dot-warning">Warnings {counts.warnings}</a>
          </li>
          <li>
            <a href={hrefFor(listPath, { status: 'disabled' })} className="dot-disabled">Errors {counts.errors}</a>
          </li>
        </ul>
      )}
      {children}
    </section>
  );
}

function Protocol({ name, sections, o, children }: { name: string; sections: Record<string, SectionCounts>; o?: WharfOverview; children?: ReactNode }) {
  return (
    <section aria-label={name.toUpperCase()}>
      <h2>{name.toUpperCase()}</h2>
      <div className="grid">
        {Object.entries(sections).map(([kind, counts]) => (
          <StatsCard key={kind} title={kind.charAt(0).toUpperCase() + kind.slice(1)} counts={counts} listPath={`/${name}/${kind}`}>
            {o && kind === 'services' ? <HealthWarning o={o} /> : null}
          </StatsCard>
        ))}
        {children}
      </div>
    </section>
  );
}

/** Traefik counts "success" even when every server is DOWN; say so right under the counts. */
function HealthWarning({ o }: { o: WharfOverview }) {
  if (o.health.down === 0 && o.health.degraded === 0) return null;
  return (
    <p className="health-warning" role="note">
      {o.health.down > 0 ? <a href={hrefFor('/http/services', { health: 'down' })}>{o.health.down} with all servers DOWN</a> : null}
      {o.health.down > 0 && o.health.degraded > 0 ? ' · ' : null}
      {o.health.degraded > 0 ? <a href={hrefFor('/http/services', { health: 'degraded' })} className="degraded">{o.health.degraded} degraded</a> : null}
    </p>
  );
}

function HealthCard({ o }: { o: WharfOverview }) {
  return (
    <section className="card stats" aria-label="Service health">
      <h3>
        <a href={hrefFor('/http/services')}>Service health</a>
      </h3>
      <ul className="legend">
        <li>
          <a href={hrefFor('/http/services', { health: 'healthy' })} className="dot-enabled">Healthy {o.health.healthy}</a>
        </li>
        <li>
          <a href={hrefFor('/http/services', { health: 'degraded' })} className="dot-warning">Degraded {o.health.degraded}</a>
        </li>
        <li>
          <a href={hrefFor('/http/services', { health: 'down' })} className="dot-disabled">Down {o.health.down}</a>
        </li>
        {o.health.unknown > 0 ? <li className="muted">No health data {o.health.unknown}</li> : null}
      </ul>
    </section>
  );
}

export function OverviewPage() {
  const overview = useApi<WharfOverview>('api/wharf/overview');
  const entryPoints = useApi<EntryPointInfo[]>('api/entrypoints');
  if (overview.error) return <Failure message={overview.error} />;
  const o = overview.data;
  if (!o) return <Loading />;
  return (
    <div className="page">
      <h1>Overview</h1>
      <TrafficOverview />
      <section aria-label="Entrypoints">
        <h2>Entrypoints</h2>
        <div className="grid">
          {(entryPoints.data ?? []).map((ep) => (
            <div key={ep.name} className="card entrypoint">
              <strong>{ep.name}</strong>
              <span className="muted">{ep.address}</span>
            </div>
          ))}
        </div>
      </section>
      <Protocol name="http" sections={o.http} o={o} />
      <div className="grid">
        <HealthCard o={o} />
        <StatsCard title="Certificates" counts={o.certificates} listPath="/certificates" />
        <section className="card stats" aria-label="Diagnostics summary">
          <h3>
            <a href={hrefFor('/diagnostics')}>Diagnostics</a> <span className="muted">{o.diagnostics.total}</span>
          </h3>
          <ul className="legend">
            <li className="dot-disabled">Errors {o.diagnostics.errors}</li>
            <li className="dot-warning">Warnings {o.diagnostics.warnings}</li>
          </ul>
        </section>
      </div>
      <Protocol name="tcp" sections={o.tcp}>
        <L4Totals protocol="tcp" />
      </Protocol>
      <Protocol name="udp" sections={o.udp}>
        <L4Totals protocol="udp" />
      </Protocol>
      <section aria-label="Features">
        <h2>Features</h2>
        <div className="grid">
          <div className="card">Tracing: {o.features.tracing || <span className="muted">off</span>}</div>
          <div className="card">Metrics: {o.features.metrics || <span className="muted">off</span>}</div>
          <div className="card">Access log: {o.features.accessLog ? 'on' : <span className="muted">off</span>}</div>
        </div>
      </section>
      <section aria-label="Providers">
        <h2>Providers</h2>
        <div className="grid">
          {o.providers.map((p) => (
            <div key={p} className="card provider">
              {p}
            </div>
          ))}
        </div>
      </section>
    </div>
  );
}
