import { splitQualified, type Diagnostic } from '@wharf/config';
import { CopyButton } from './copy-button.js';

/** An element's `error[]`, each copyable. */
export function ErrorList({ errors, title = 'Errors' }: { errors?: string[]; title?: string }) {
  if (!errors || errors.length === 0) return null;
  return (
    <section className="card card-error" aria-label={title}>
      <h2>{title}</h2>
      <ul className="error-list">
        {errors.map((e) => (
          <li key={e}>
            <code>{e}</code> <CopyButton text={e} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function DiagnosticItem({ d }: { d: Diagnostic }) {
  const text = `${d.code} ${d.source}: ${d.message}${d.suggestion ? ` (did you mean "${d.suggestion}"?)` : ''}`;
  return (
    <li className={`diag diag-${d.severity}`}>
      <span className={`badge badge-${d.severity === 'error' ? 'disabled' : d.severity === 'warning' ? 'warning' : 'muted'}`}>{d.severity}</span>{' '}
      <code>{d.code}</code> <span className="muted">{d.provider} · {d.source}</span>
      <div>
        {d.message}
        {d.suggestion ? <em> — did you mean “{d.suggestion}”?</em> : null}
      </div>
      <CopyButton text={text} />
    </li>
  );
}

/** Provider diagnostics about one element (`element.name` matches the unqualified name). */
export function DiagnosticsFor({ diagnostics, name }: { diagnostics?: Diagnostic[]; name: string }) {
  const { name: bare, provider } = splitQualified(name);
  const mine = (diagnostics ?? []).filter((d) => d.element?.name === bare && (!provider || d.provider === provider));
  if (mine.length === 0) return null;
  return (
    <section className="card" aria-label="Provider diagnostics">
      <h2>Provider diagnostics</h2>
      <ul className="diag-list">
        {mine.map((d) => (
          <DiagnosticItem key={`${d.code}${d.source}${d.key ?? ''}`} d={d} />
        ))}
      </ul>
    </section>
  );
}
