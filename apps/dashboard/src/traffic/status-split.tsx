import type { StatusSplit } from '@wharf/config';
import { formatCount } from './traffic-format.js';
import './traffic.css';

const classes: Array<keyof StatusSplit> = ['2xx', '3xx', '4xx', '5xx', '1xx'];

/** A proportional bar of the status classes with a text legend. */
export function StatusSplitBar({ status }: { status: StatusSplit }) {
  const total = classes.reduce((sum, c) => sum + status[c], 0);
  const summary = classes.map((c) => `${c} ${formatCount(status[c])}`).join(', ');
  return (
    <div>
      <div className="status-split" role="img" aria-label={`Status split: ${summary}`}>
        {total > 0 ? classes.map((c) => (status[c] > 0 ? <span key={c} className={`split-${c}`} style={{ width: `${(status[c] / total) * 100}%` }} /> : null)) : null}
      </div>
      <ul className="chart-legend">
        {classes.map((c) => (
          <li key={c}>
            <span className={`swatch split-${c}`} aria-hidden="true" />
            {c} {formatCount(status[c])}
          </li>
        ))}
      </ul>
    </div>
  );
}
