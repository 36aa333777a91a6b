import { describe, expect, it } from 'vitest';
import { areaPath, linePath, maxSeries, scaleSeries, seriesMax, sumSeries } from './sparkline-math.js';
import { formatBytes, formatMs, formatPercent, formatRps } from './traffic-format.js';

const box = { width: 102, height: 52, pad: 1 }; // inner 100 × 50

describe('scaleSeries', () => {
  it('maps the max to the top and 0 to the baseline, oldest left', () => {
    expect(scaleSeries([0, 5, 10], box, 10)).toEqual([
      [1, 51],
      [51, 26],
      [101, 1],
    ]);
  });

  it('right-aligns a short series in a window of slots', () => {
    const pts = scaleSeries([4, 8], box, 8, 5);
    expect(pts.map(([x]) => x)).toEqual([76, 101]);
    expect(pts[1]![1]).toBe(1);
  });

  it('puts everything on the baseline when max is 0 and ignores NaN/negatives', () => {
    expect(scaleSeries([0, 0], box, 0).map(([, y]) => y)).toEqual([51, 51]);
    expect(scaleSeries([Number.NaN, -3, 10], box, 10).map(([, y]) => y)).toEqual([51, 51, 1]);
  });

  it('clamps values above a fixed max', () => {
    expect(scaleSeries([20], { width: 10, height: 10, pad: 0 }, 10)).toEqual([[10, 0]]);
  });

  it('returns no points for an empty series', () => {
    expect(scaleSeries([], box, 10, 90)).toEqual([]);
    expect(linePath([])).toBe('');
    expect(areaPath([], 50)).toBe('');
  });
});

describe('paths and series maths', () => {
  it('builds a line and a closed area', () => {
    const pts = [[0, 10], [5, 2]] as const;
    expect(linePath(pts)).toBe('M0 10 L5 2');
    expect(areaPath(pts, 12)).toBe('M0 10 L5 2 L5 12 L0 12 Z');
  });

  it('seriesMax over several series (0 when empty)', () => {
    expect(seriesMax([[1, 7], [3], []])).toBe(7);
    expect(seriesMax([])).toBe(0);
  });

  it('sums and maxes series aligned on the newest point', () => {
    expect(sumSeries([[1, 2, 3], [10, 20]])).toEqual([1, 12, 23]);
    expect(maxSeries([[1, 30, 3], [10, 2]])).toEqual([1, 30, 3]);
    expect(sumSeries([])).toEqual([]);
  });
});

describe('formats', () => {
  it('formats rates, latencies and ratios', () => {
    expect(formatRps(0)).toBe('0');
    expect(formatRps(2.345)).toBe('2.35');
    expect(formatRps(12.34)).toBe('12.3');
    expect(formatRps(1234.5)).toBe('1235');
    expect(formatMs(18.52)).toBe('18.5 ms');
    expect(formatMs(1500)).toBe('1.50 s');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.0123)).toBe('1.23%');
    expect(formatPercent(0.5)).toBe('50.0%');
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(Number.NaN)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(200 * 1024 * 1024)).toBe('200 MiB');
    expect(formatBytes(2 ** 60)).toBe('1048576 TiB');
  });
});
