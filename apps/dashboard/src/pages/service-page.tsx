import { serverState, serviceHealthState, serversUpLabel, type ServiceInfo } from '@wharf/config';
import { nameSegment } from '../api/api-base.js';
import { useApi } from '../live/use-api.js';
import { OptionsView } from '../components/options-view.js';
import { HealthBadge, ServerStateBadge, StatusBadge } from '../components/status-badge.js';
import { Failure, Loading } from '../components/states.js';
import { detailHref } from '../nav/element-href.js';
import { ServiceTraffic } from '../traffic/element-traffic.js';
import { Definition } from '../components/definition.js';
import { Problems, UsedBy } from './detail-parts.js';

function ServersTable({ service }: { service: ServiceInfo }) {
  const servers = service.loadBalancer?.servers ?? [];
  const health = new Map((service.health?.servers ?? []).map((s) => [s.url, s]));
  return (
    <section className="card" aria-label="Servers">
      <h2>Servers</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">URL</th>
              <th scope="col">Status</th>
              <th scope="col">Weight</th>
              <th scope="col">Last check</th>
            </tr>
          </thead>
          <tbody>
            {servers.map((s) => (
              <tr key={s.url} data-server={s.url}>
                <td data-label="URL"><code>{s.url}</code></td>
                <td data-label="Status"><ServerStateBadge state={serverState(service, s.url)} /></td>
                <td data-label="Weight">{s.weight ?? 1}</td>
                <td data-label="Last check" className="muted">
                  {[health.get(s.url)?.lastResult, health.get(s.url)?.reason].filter(Boolean).join(' · ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Children({ title, items, proto }: { title: string; items: Array<{ name: string; extra?: string }>; proto: string }) {
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      <ul className="plain">
        {items.map((c) => (
          <li key={c.name}>
            <a href={detailHref(proto, 'services', c.name)}>{c.name}</a> {c.extra ? <span className="muted">{c.extra}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ServicePage({ proto, name }: { proto: string; name: string }) {
  const res = useApi<ServiceInfo>(`api/${proto}/services/${nameSegment(name)}`);
  if (res.error) return <Failure message={res.error} />;
  const s = res.data;
  if (!s) return <Loading />;
  const lb = s.loadBalancer;
  const upLabel = serversUpLabel(s);
  const health = serviceHealthState(s);
  return (
    <div className="page">
      <h1>Service {s.name}</h1>
      <Definition
        title="Service details"
        rows={[
          ['Status', <StatusBadge status={s.status} />],
          ['Health', upLabel ? <HealthBadge health={health} label={`${health} · ${upLabel}`} /> : undefined],
          ['Type', s.type],
          ['Provider', s.provider],
          ['Strategy', lb?.strategy],
          ['Pass Host header', lb ? String(lb.passHostHeader ?? true) : undefined],
        ]}
      />
      {lb ? <ServersTable service={s} /> : null}
      {proto === 'http' ? <ServiceTraffic name={s.name} servers={(lb?.servers ?? []).map((x) => ({ url: x.url, state: serverState(s, x.url) }))} /> : null}
      {lb?.healthCheck ? (
        <section className="card" aria-label="Health check">
          <h2>Health check</h2>
          <OptionsView value={lb.healthCheck} />
        </section>
      ) : null}
      {lb?.sticky ?? s.weighted?.sticky ? (
        <section className="card" aria-label="Sticky sessions">
          <h2>Sticky sessions</h2>
          <OptionsView value={lb?.sticky ?? s.weighted?.sticky} />
        </section>
      ) : null}
      {s.weighted?.services ? (
        <Children title="Weighted services" proto={proto} items={s.weighted.services.map((c) => ({ name: c.name, extra: `weight ${c.weight ?? 1}` }))} />
      ) : null}
      {s.mirroring ? (
        <Children
          title="Mirroring"
          proto={proto}
          items={[
            ...(s.mirroring.service ? [{ name: s.mirroring.service, extra: 'main' }] : []),
            ...(s.mirroring.mirrors ?? []).map((m) => ({ name: m.name, extra: `${m.percent ?? 0}%` })),
          ]}
        />
      ) : null}
      {s.failover ? (
        <Children
          title="Failover"
          proto={proto}
          items={[s.failover.service, s.failover.fallback].filter((x): x is string => !!x).map((n, i) => ({ name: n, extra: i === 0 ? 'main' : 'fallback' }))}
        />
      ) : null}
      <UsedBy routers={s.usedBy ?? []} proto={proto} />
      <Problems name={s.name} errors={s.error} />
    </div>
  );
}
