import type { Diagnostic } from '@wharf/config';
import { useApi } from '../live/use-api.js';
import { DiagnosticsFor, ErrorList } from '../components/error-list.js';
import { detailHref } from '../nav/element-href.js';

export function UsedBy({ routers, proto }: { routers: string[]; proto: string }) {
  return (
    <section className="card" aria-label="Used by routers">
      <h2>Used by routers</h2>
      {routers.length === 0 ? (
        <p className="muted">No router uses it.</p>
      ) : (
        <ul className="plain">
          {routers.map((r) => (
            <li key={r}>
              <a href={detailHref(proto, 'routers', r)}>{r}</a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Errors of the element plus the provider diagnostics that name it. */
export function Problems({ name, errors }: { name: string; errors?: string[] }) {
  const diags = useApi<Diagnostic[]>('api/wharf/diagnostics', { per_page: 1000 });
  return (
    <>
      <ErrorList errors={errors} />
      <DiagnosticsFor diagnostics={diags.data} name={name} />
    </>
  );
}
