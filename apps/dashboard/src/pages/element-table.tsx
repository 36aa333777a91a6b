import type { ReactNode } from 'react';

/** One column of an element table; `header` replaces the plain label (e.g. a sort button). */
export interface TableColumn<T> {
  label: string;
  header?: ReactNode;
  ariaSort?: 'ascending' | 'descending';
  render(item: T): ReactNode;
}

/** The list pages' table: one row per item (`data-name`), each cell labelled for the phone layout. */
export function ElementTable<T>({ columns, items, rowKey, label }: { columns: TableColumn<T>[]; items: T[]; rowKey(item: T): string; label?: string }) {
  return (
    <div className="table-wrap">
      <table aria-label={label}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" aria-sort={c.ariaSort}>
                {c.header ?? c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={rowKey(item)} data-name={rowKey(item)}>
              {columns.map((c) => (
                <td key={c.label} data-label={c.label}>
                  {c.render(item)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const statusFilters: Array<[string, string]> = [
  ['', 'All status'],
  ['enabled', 'Success'],
  ['warning', 'Warnings'],
  ['disabled', 'Errors'],
];

/** The All / Success / Warnings / Errors buttons of a list toolbar. */
export function StatusFilters({ status, onChange }: { status: string; onChange(status: string | undefined): void }) {
  return (
    <>
      {statusFilters.map(([value, label]) => (
        <button
          key={value || 'all'}
          type="button"
          className={`btn${status === value ? ' active' : ''}`}
          aria-pressed={status === value}
          onClick={() => onChange(value || undefined)}
        >
          {label}
        </button>
      ))}
    </>
  );
}
