import { areaPath, linePath, scaleSeries, seriesMax } from './sparkline-math.js';
import './traffic.css';

export interface SparklineProps {
  values: readonly number[];
  /** accessible summary, e.g. "whoami@docker requests per second, now 12.3" */
  label: string;
  /** colour role: a CSS colour or var, default the accent */
  color?: string;
  width?: number;
  height?: number;
  /** window size in points (right-aligned), default the series length */
  slots?: number;
  /** fixed top of the scale; default the series' own max */
  max?: number;
}

/** A small filled line chart in inline SVG (`role="img"` with a text summary). */
export function Sparkline({ values, label, color = 'var(--accent)', width = 120, height = 32, slots, max }: SparklineProps) {
  const box = { width, height, pad: 2 };
  const top = max ?? seriesMax([values]);
  const points = scaleSeries(values, box, top, slots);
  const base = height - box.pad;
  return (
    <svg className="sparkline" role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} width={width} height={height} preserveAspectRatio="none">
      <line x1={box.pad} x2={width - box.pad} y1={base} y2={base} className="sparkline-base" />
      {points.length > 0 ? (
        <>
          <path d={areaPath(points, base)} style={{ fill: color }} className="sparkline-area" />
          <path d={linePath(points)} style={{ stroke: color }} className="sparkline-line" />
        </>
      ) : null}
    </svg>
  );
}
