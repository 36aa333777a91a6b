import type { ElementInfo, MiddlewareInfo, TcpRouterTls } from '@wharf/config';
import { nameSegment } from '../api/api-base.js';
import { RouterTlsCard } from '../certificates/router-tls.js';
import { Definition } from '../components/definition.js';
import { ServerStateBadge, StatusBadge } from '../components/status-badge.js';
import { Failure, Loading } from '../components/states.js';
import { useApi } from '../live/use-api.js';
import { detailHref } from '../nav/element-href.js';
import { RouterTraffic } from '../traffic/element-traffic.js';
import { L4Traffic } from '../traffic/l4-traffic.js';
import { Problems } from './detail-parts.js';
import { qualify } from './list-columns.js';
import { serverRows, type AnyServiceInfo } from './server-rows.js';

/** What the router pages read of an HTTP, TCP or UDP router (UDP routers have no rule, TLS or middlewares). */
interface AnyRouterInfo extends ElementInfo {
  rule?: string;
  service?: string;
  middlewares?: string[];
  entryPoints?: string[];
  using?: string[];
  priority?: number;
  priorityStr?: string;
  tls?: TcpRouterTls;
}

function ServersStep({ service }: { service: AnyServiceInfo }) {
  const servers = serverRows(service);
  if (servers.length === 0) return null;
  return (
    <div className="flow-step" aria-label="Servers">
      <div className="flow-title">Servers</div>
      <ul className="plain">
        {servers.map((s) => (
          <li key={s.key}>
            {s.state ? <ServerStateBadge state={s.state} /> : null} <code>{s.key}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Flow({ router, proto }: { router: AnyRouterInfo; proto: string }) {
  const serviceName = router.service ? qualify(router.service, router.provider) : undefined;
  const service = useApi<AnyServiceInfo>(serviceName ? `api/${proto}/services/${nameSegment(serviceName)}` : undefined);
  const chain = (router.middlewares ?? []).map((m) => qualify(m, router.provider));
  const mws = useApi<MiddlewareInfo[]>(chain.length > 0 ? `api/${proto}/middlewares` : undefined, { per_page: 1000 });
  const byName = new Map((mws.data ?? []).map((m) => [m.name, m]));
  return (
    <section className="card" aria-label="Router flow">
      <h2>Flow</h2>
      <div className="flow">
        <div className="flow-step">
          <div className="flow-title">Entrypoints</div>
          {(router.using ?? router.entryPoints ?? []).map((e) => (
            <span key={e} className="chip">{e}</span>
          ))}
        </div>
        <div className="flow-step">
          <div className="flow-title">Router</div>
          <StatusBadge status={router.status} /> {router.name}
        </div>
        {chain.length > 0 ? (
          <div className="flow-step">
            <div className="flow-title">Middlewares</div>
            <ol className="plain">
              {chain.map((m) => (
                <li key={m}>
                  <StatusBadge status={byName.get(m)?.status ?? 'disabled'} /> <a href={detailHref(proto, 'middlewares', m)}>{m}</a>
                </li>
              ))}
            </ol>
          </div>
        ) : null}
        {serviceName ? (
          <div className="flow-step">
            <div className="flow-title">Service</div>
            <StatusBadge status={service.data?.status ?? (service.error ? 'disabled' : undefined)} />{' '}
            <a href={detailHref(proto, 'services', serviceName)}>{serviceName}</a>
          </div>
        ) : null}
        {service.data ? <ServersStep service={service.data} /> : null}
      </div>
    </section>
  );
}

/** A router of any protocol: its flow to the servers, live traffic, definition, TLS and problems. */
export function RouterPage({ proto, name }: { proto: string; name: string }) {
  const router = useApi<AnyRouterInfo>(`api/${proto}/routers/${nameSegment(name)}`);
  if (router.error) return <Failure message={router.error} />;
  const r = router.data;
  if (!r) return <Loading />;
  return (
    <div className="page">
      <h1>{proto === 'http' ? '' : `${proto.toUpperCase()} `}Router {r.name}</h1>
      <Flow router={r} proto={proto} />
      {proto === 'http' ? <RouterTraffic name={r.name} /> : <L4Traffic kind="routers" name={r.name} />}
      <Definition
        title="Router details"
        rows={[
          ['Status', <StatusBadge status={r.status} />],
          ['Provider', r.provider],
          ['Rule', r.rule ? <code>{r.rule}</code> : undefined],
          ['Priority', r.priorityStr ?? r.priority],
          ['Entrypoints', (r.using ?? []).join(', ')],
          ['Service', r.service],
        ]}
      />
      <RouterTlsCard proto={proto} router={r.name} tls={r.tls} />
      <Problems name={r.name} errors={r.error} />
    </div>
  );
}
