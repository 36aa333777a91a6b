import type { ReactNode } from 'react';

/** Label/value rows of a definition card. */
export function Definition({ title, rows }: { title: string; rows: Array<[string, ReactNode]> }) {
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      <dl className="def">
        {rows
          .filter(([, v]) => v !== undefined && v !== null && v !== '')
          .map(([k, v]) => (
            <div key={k} className="def-row">
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}
