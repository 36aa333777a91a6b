import { qualify as qualifyName, serviceHealthState, serversUpLabel, type MiddlewareInfo, type RouterInfo, type ServiceInfo } from '@wharf/config';
import type { ReactNode } from 'react';
import { HealthBadge, StatusBadge } from '../components/status-badge.js';
import { detailHref, type ListKind } from '../nav/element-href.js';
import { L4Cell } from '../traffic/l4-traffic.js';

type Item = RouterInfo & ServiceInfo & MiddlewareInfo;

export interface Column {
  label: string;
  /** API `sortBy` value; absent = not sortable */
  sortBy?: string;
  render(item: Item, proto: string): ReactNode;
}

const status: Column = { label: 'Status', sortBy: 'status', render: (i) => <StatusBadge status={i.status} errors={i.error} /> };
const provider: Column = { label: 'Provider', sortBy: 'provider', render: (i) => i.provider };
const nameCol = (kind: ListKind): Column => ({
  label: 'Name',
  sortBy: 'name',
  render: (i, proto) => <a href={detailHref(proto, kind, i.name)}>{i.name}</a>,
});

function serverCount(i: Item): number {
  const lb = i.loadBalancer as { servers?: unknown[] } | undefined;
  return lb?.servers?.length ?? 0;
}

const columns: Record<ListKind, Column[]> = {
  routers: [
    status,
    { label: 'TLS', render: (i) => (i.tls ? <span className="chip" title={`TLS options: ${i.tls.options ?? 'default'}`}>TLS</span> : '') },
    { label: 'Rule', sortBy: 'rule', render: (i) => <code className="rule" title={i.rule}>{i.rule}</code> },
    {
      label: 'Entrypoints',
      sortBy: 'entryPoints',
      render: (i) => (i.using ?? i.entryPoints ?? []).map((e) => <span key={e} className="chip">{e}</span>),
    },
    nameCol('routers'),
    {
      label: 'Service',
      sortBy: 'service',
      render: (i, proto) => (i.service ? <a href={detailHref(proto, 'services', qualify(i.service, i.provider))}>{i.service}</a> : ''),
    },
    provider,
    { label: 'Priority', sortBy: 'priority', render: (i) => i.priorityStr ?? i.priority },
  ],
  services: [
    status,
    nameCol('services'),
    { label: 'Type', sortBy: 'type', render: (i) => i.type },
    { label: 'Servers', sortBy: 'servers', render: (i) => serverCount(i) || '' },
    {
      label: 'Health',
      render: (i) => {
        const label = serversUpLabel(i);
        return label ? <HealthBadge health={serviceHealthState(i)} label={label} /> : <span className="muted">—</span>;
      },
    },
    provider,
  ],
  middlewares: [status, nameCol('middlewares'), { label: 'Type', sortBy: 'type', render: (i) => i.type }, provider],
};

/** TCP/UDP routers and services: live connections and bytes from the traffic snapshot. */
const connections = (kind: 'routers' | 'services'): Column => ({ label: 'Connections', render: (i) => <L4Cell kind={kind} name={i.name} /> });

/** The columns of a protocol's list of `kind`. */
export function columnsFor(proto: string, kind: ListKind): Column[] {
  if (proto === 'http' || kind === 'middlewares') return columns[kind];
  return [...columns[kind], connections(kind)];
}

/** `svc` referenced by a router of provider `p` means `svc@p` (Traefik's qualification). */
export function qualify(name: string, providerName: string | undefined): string {
  return providerName ? qualifyName(name, providerName) : name;
}
