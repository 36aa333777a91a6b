import { linePath, scaleSeries, seriesMax } from './sparkline-math.js';
import './traffic.css';

interface ChartLine {
  key: string;
  label: string;
  values: readonly number[];
}

/** Colour of the n-th line: CSS variables with light and dark variants (traffic.css). */
export const lineColor = (i: number): string => `var(--series-${(i % 6) + 1})`;

export interface MultiLineChartProps {
  lines: readonly ChartLine[];
  /** accessible summary of the whole chart */
  label: string;
  slots?: number;
  width?: number;
  height?: number;
}

/** Several series on one scale (e.g. requests/s per server): a DOWN server's line falls to 0. */
export function MultiLineChart({ lines, label, slots, width = 600, height = 140 }: MultiLineChartProps) {
  const box = { width, height, pad: 4 };
  const max = seriesMax(lines.map((l) => l.values));
  const base = height - box.pad;
  return (
    <svg className="line-chart" role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none">
      <line x1={box.pad} x2={width - box.pad} y1={base} y2={base} className="sparkline-base" />
      {lines.map((l, i) => (
        <path key={l.key} d={linePath(scaleSeries(l.values, box, max, slots))} style={{ stroke: lineColor(i) }} className="chart-line" data-line={l.key} />
      ))}
    </svg>
  );
}
