import type { Diagnostic } from '@wharf/config';
import { useState } from 'react';
import { useApi } from '../live/use-api.js';
import { DiagnosticItem } from '../components/error-list.js';
import { Empty, Failure, Loading } from '../components/states.js';

export function DiagnosticsPage() {
  const [provider, setProvider] = useState('');
  const [search, setSearch] = useState('');
  const all = useApi<Diagnostic[]>('api/wharf/diagnostics', { per_page: 1000 });
  const providers = [...new Set((all.data ?? []).map((d) => d.provider))].sort();
  const needle = search.toLowerCase();
  const shown = (all.data ?? []).filter(
    (d) =>
      (!provider || d.provider === provider) &&
      (!needle || `${d.message} ${d.source} ${d.code} ${d.key ?? ''}`.toLowerCase().includes(needle)),
  );
  return (
    <div className="page">
      <h1>Diagnostics</h1>
      <p className="muted">What providers skipped or partly rejected: label typos, missing ports, conflicts.</p>
      <div className="toolbar">
        <label>
          Provider{' '}
          <select value={provider} onChange={(e) => setProvider(e.target.value)}>
            <option value="">All</option>
            {providers.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <input type="search" aria-label="Search diagnostics" placeholder="Search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      {all.error ? <Failure message={all.error} /> : null}
      {!all.data && !all.error ? <Loading /> : null}
      {all.data && shown.length === 0 ? <Empty /> : null}
      <ul className="diag-list">
        {shown.map((d) => (
          <DiagnosticItem key={`${d.provider}${d.code}${d.source}${d.key ?? ''}`} d={d} />
        ))}
      </ul>
    </div>
  );
}
