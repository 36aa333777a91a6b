import { serviceHealthState, serversUpLabel, type ServiceInfo, type TcpServiceInfo } from '@wharf/config';
import { nameSegment } from '../api/api-base.js';
import { useApi } from '../live/use-api.js';
import { OptionsView } from '../components/options-view.js';
import { HealthBadge, ServerStateBadge, StatusBadge } from '../components/status-badge.js';
import { Failure, Loading } from '../components/states.js';
import { detailHref } from '../nav/element-href.js';
import { ServiceTraffic } from '../traffic/element-traffic.js';
import { L4Traffic } from '../traffic/l4-traffic.js';
import { serverRows, type AnyServiceInfo } from './server-rows.js';
import { Definition } from '../components/definition.js';
import { Problems, UsedBy } from './detail-parts.js';

function ServersTable({ service, proto }: { service: AnyServiceInfo; proto: string }) {
  const servers = serverRows(service);
  const health = new Map((('health' in service ? service.health?.servers : undefined) ?? []).map((s) => [s.url, s]));
  const http = proto === 'http';
  const keyLabel = http ? 'URL' : 'Address';
  return (
    <section className="card" aria-label="Servers">
      <h2>Servers</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{keyLabel}</th>
              <th scope="col">Status</th>
              <th scope="col">{http ? 'Weight' : 'TLS'}</th>
              {http ? <th scope="col">Last check</th> : null}
            </tr>
          </thead>
          <tbody>
            {servers.map((s) => (
              <tr key={s.key} data-server={s.key}>
                <td data-label={keyLabel}><code>{s.key}</code></td>
                <td data-label="Status">{s.state ? <ServerStateBadge state={s.state} /> : <span className="muted">not tracked</span>}</td>
                {http ? <td data-label="Weight">{s.weight ?? 1}</td> : <td data-label="TLS">{s.tls ? 'yes' : 'no'}</td>}
                {http ? (
                  <td data-label="Last check" className="muted">
                    {[health.get(s.key)?.lastResult, health.get(s.key)?.reason].filter(Boolean).join(' · ')}
                  </td>
                ) : null}
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

/** A service of any protocol; HTTP-only parts (strategy, sticky, mirroring, failover) stay absent for TCP/UDP. */
export function ServicePage({ proto, name }: { proto: string; name: string }) {
  const res = useApi<AnyServiceInfo>(`api/${proto}/services/${nameSegment(name)}`);
  if (res.error) return <Failure message={res.error} />;
  if (!res.data) return <Loading />;
  // the shared health rules read only `health` and `serverStatus`, which TCP services carry too
  const s = res.data as ServiceInfo;
  const lb = s.loadBalancer;
  const tcpLb = proto === 'tcp' ? (res.data as TcpServiceInfo).loadBalancer : undefined;
  const upLabel = serversUpLabel(s);
  const health = serviceHealthState(s);
  return (
    <div className="page">
      <h1>{proto === 'http' ? '' : `${proto.toUpperCase()} `}Service {s.name}</h1>
      <Definition
        title="Service details"
        rows={[
          ['Status', <StatusBadge status={s.status} />],
          ['Health', upLabel ? <HealthBadge health={health} label={`${health} · ${upLabel}`} /> : undefined],
          ['Type', s.type],
          ['Provider', s.provider],
          ['Strategy', lb?.strategy],
          ['Pass Host header', lb && proto === 'http' ? String(lb.passHostHeader ?? true) : undefined],
          ['Servers transport', tcpLb?.serversTransport],
          ['Proxy protocol', tcpLb?.proxyProtocol ? `version ${tcpLb.proxyProtocol.version ?? 2}` : undefined],
          ['Termination delay', tcpLb?.terminationDelay !== undefined ? `${tcpLb.terminationDelay} ms` : undefined],
        ]}
      />
      {lb ? <ServersTable service={res.data} proto={proto} /> : null}
      {proto === 'http' ? (
        <ServiceTraffic name={s.name} servers={serverRows(s).map((x) => ({ url: x.key, ...(x.state ? { state: x.state } : {}) }))} />
      ) : (
        <L4Traffic kind="services" name={s.name} />
      )}
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
