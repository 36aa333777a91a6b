/** Pure chart geometry for the inline SVG sparklines (no chart library). */

export interface ChartBox {
  width: number;
  height: number;
  /** inner padding so strokes at the edges stay visible (default 2) */
  pad?: number;
}

export type Point = readonly [x: number, y: number];

const finite = (v: number): number => (Number.isFinite(v) && v > 0 ? v : 0);
const round1 = (v: number): number => Math.round(v * 10) / 10;

/** The highest value over every series (0 for none, negatives and NaN count as 0). */
export function seriesMax(series: ReadonlyArray<readonly number[]>): number {
  let max = 0;
  for (const values of series) for (const v of values) max = Math.max(max, finite(v));
  return max;
}

/**
 * Maps values to points, oldest left. With `slots`, the series is right-aligned in a window of
 * that many points (a short series starts late instead of being stretched); a zero `max` puts
 * every point on the baseline.
 */
export function scaleSeries(values: readonly number[], box: ChartBox, max: number, slots = values.length): Point[] {
  const pad = box.pad ?? 2;
  const innerW = Math.max(0, box.width - 2 * pad);
  const innerH = Math.max(0, box.height - 2 * pad);
  const n = values.length;
  const window = Math.max(slots, n);
  if (n === 0) return [];
  const step = window > 1 ? innerW / (window - 1) : 0;
  const offset = window - n;
  return values.map((v, i) => {
    const x = window > 1 ? pad + (offset + i) * step : pad + innerW;
    const y = max > 0 ? pad + innerH - (Math.min(finite(v), max) / max) * innerH : pad + innerH;
    return [round1(x), round1(y)] as const;
  });
}

/** `M x y L x y …` for a polyline; '' for no points. */
export function linePath(points: readonly Point[]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x} ${y}`).join(' ');
}

/** The line closed down to the baseline (`baseY`), for a filled area; '' for no points. */
export function areaPath(points: readonly Point[], baseY: number): string {
  if (points.length === 0) return '';
  const first = points[0]!;
  const last = points[points.length - 1]!;
  return `${linePath(points)} L${last[0]} ${baseY} L${first[0]} ${baseY} Z`;
}

/** Combines series of different lengths point by point, aligned on their newest point. */
function combineSeries(series: ReadonlyArray<readonly number[]>, op: (acc: number, v: number) => number): number[] {
  const len = Math.max(0, ...series.map((s) => s.length));
  const out = new Array<number>(len).fill(0);
  for (const s of series) {
    const offset = len - s.length;
    s.forEach((v, i) => {
      out[offset + i] = op(out[offset + i]!, finite(v));
    });
  }
  return out;
}

/** Element-wise sum (total requests/s over routers). */
export const sumSeries = (series: ReadonlyArray<readonly number[]>): number[] => combineSeries(series, (a, v) => a + v);

/** Element-wise max (slowest p95 over routers). */
export const maxSeries = (series: ReadonlyArray<readonly number[]>): number[] => combineSeries(series, Math.max);
