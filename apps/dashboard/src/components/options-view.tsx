/** Generic renderer for options objects (middleware options, health checks, sticky settings). */
export function OptionsView({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">[]</span>;
    return (
      <ul className="opt-list">
        {value.map((v, i) => (
          <li key={i}>
            <OptionsView value={v} />
          </li>
        ))}
      </ul>
    );
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return <span className="muted">{'{}'}</span>;
    return (
      <dl className="opt-grid">
        {entries.map(([k, v]) => (
          <div key={k} className="opt-row">
            <dt>{k}</dt>
            <dd>
              <OptionsView value={v} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return <code>{String(value)}</code>;
}
