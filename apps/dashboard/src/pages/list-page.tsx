import type { MiddlewareInfo, RouterInfo, ServiceInfo } from '@wharf/config';
import { useEffect, useState } from 'react';
import { useApi } from '../live/use-api.js';
import { Empty, Failure, Loading } from '../components/states.js';
import type { ListKind } from '../nav/element-href.js';
import { hrefFor, navigate } from '../nav/hash-location.js';
import { columnsFor } from './list-columns.js';
import { ElementTable, StatusFilters, type TableColumn } from './element-table.js';

const pageSize = 100;

type Item = RouterInfo & ServiceInfo & MiddlewareInfo;

export function ListPage({ proto, kind, query }: { proto: string; kind: ListKind; query: URLSearchParams }) {
  const path = `/${proto}/${kind}`;
  const q = Object.fromEntries(query.entries());
  const [search, setSearch] = useState(q['search'] ?? '');
  const [pages, setPages] = useState(1);
  const setQuery = (patch: Record<string, string | undefined>): void => navigate(hrefFor(path, { ...q, ...patch }));

  useEffect(() => {
    if ((q['search'] ?? '') === search) return;
    const t = setTimeout(() => setQuery({ search: search || undefined }), 300);
    return () => clearTimeout(t);
  });

  const list = useApi<Item[]>(`api/${proto}/${kind}`, {
    search: q['search'],
    status: q['status'],
    sortBy: q['sortBy'],
    direction: q['direction'],
    serviceName: q['serviceName'],
    middlewareName: q['middlewareName'],
    health: kind === 'services' ? q['health'] : undefined,
    per_page: pageSize * pages,
  });
  const sortHeader = (sortBy: string, label: string) => {
    const active = (q['sortBy'] ?? 'name') === sortBy;
    const dir = active && q['direction'] === 'desc' ? 'desc' : 'asc';
    const next = active && dir === 'asc' ? 'desc' : 'asc';
    return (
      <button type="button" className="th-sort" onClick={() => setQuery({ sortBy, direction: next })}>
        {label} {active ? (dir === 'asc' ? '▲' : '▼') : ''}
      </button>
    );
  };

  const cols: TableColumn<Item>[] = columnsFor(proto, kind).map((c) => ({
    label: c.label,
    header: c.sortBy ? sortHeader(c.sortBy, c.label) : undefined,
    ariaSort: ariaSort(q, c.sortBy),
    render: (item) => c.render(item, proto),
  }));
  const title = `${proto.toUpperCase()} ${kind.charAt(0).toUpperCase()}${kind.slice(1)}`;

  return (
    <div className="page">
      <h1>{title}</h1>
      <div className="toolbar" role="toolbar" aria-label="Filters">
        <StatusFilters status={q['status'] ?? ''} onChange={(status) => setQuery({ status })} />
        <input type="search" placeholder="Search" aria-label="Search" value={search} onChange={(e) => setSearch(e.target.value)} />
        {(['health', 'serviceName', 'middlewareName'] as const)
          .filter((k) => q[k])
          .map((k) => (
            <button key={k} type="button" className="btn chip-filter" onClick={() => setQuery({ [k]: undefined })} aria-label={`Remove filter ${k}`}>
              {k}: {q[k]} ✕
            </button>
          ))}
      </div>
      {list.error ? <Failure message={list.error} /> : null}
      {!list.data && !list.error ? <Loading /> : null}
      {list.data && list.data.length === 0 ? <Empty /> : null}
      {list.data && list.data.length > 0 ? (
        <ElementTable columns={cols} items={list.data} rowKey={(i) => i.name} />
      ) : null}
      {list.nextPage !== undefined && list.nextPage !== 1 ? (
        <button type="button" className="btn" onClick={() => setPages((p) => p + 1)}>
          Load more
        </button>
      ) : null}
    </div>
  );
}

function ariaSort(q: Record<string, string>, sortBy: string | undefined): 'ascending' | 'descending' | undefined {
  if (!sortBy || (q['sortBy'] ?? 'name') !== sortBy) return undefined;
  return q['direction'] === 'desc' ? 'descending' : 'ascending';
}
