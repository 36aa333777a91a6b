import type { MiddlewareInfo } from '@wharf/config';
import { nameSegment } from '../api/api-base.js';
import { useApi } from '../live/use-api.js';
import { OptionsView } from '../components/options-view.js';
import { StatusBadge } from '../components/status-badge.js';
import { Failure, Loading } from '../components/states.js';
import { Definition } from '../components/definition.js';
import { Problems, UsedBy } from './detail-parts.js';

const infoKeys = new Set(['name', 'provider', 'status', 'error', 'usedBy', 'type']);

/** HTTP or TCP middleware detail: the options under its type key, rendered generically. */
export function MiddlewarePage({ proto, name }: { proto: string; name: string }) {
  const res = useApi<MiddlewareInfo>(`api/${proto}/middlewares/${nameSegment(name)}`);
  if (res.error) return <Failure message={res.error} />;
  const m = res.data;
  if (!m) return <Loading />;
  const options = Object.fromEntries(Object.entries(m).filter(([k]) => !infoKeys.has(k)));
  return (
    <div className="page">
      <h1>Middleware {m.name}</h1>
      <Definition
        title="Middleware details"
        rows={[
          ['Status', <StatusBadge status={m.status} />],
          ['Type', m.type],
          ['Provider', m.provider],
        ]}
      />
      <section className="card" aria-label="Options">
        <h2>Options</h2>
        <OptionsView value={options} />
      </section>
      <UsedBy routers={m.usedBy ?? []} proto={proto} />
      <Problems name={m.name} errors={m.error} />
    </div>
  );
}
