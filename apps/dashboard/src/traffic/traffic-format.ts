/** Number formats shared by the traffic views. */

export function formatRps(v: number): string {
  if (!Number.isFinite(v) || v <= 0) return '0';
  if (v >= 100) return String(Math.round(v));
  if (v >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

export function formatMs(v: number): string {
  if (!Number.isFinite(v) || v <= 0) return '0 ms';
  if (v >= 1000) return `${(v / 1000).toFixed(2)} s`;
  return `${v >= 100 ? Math.round(v) : v.toFixed(1)} ms`;
}

/** A 0..1 ratio as a percentage. */
export function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio) || ratio <= 0) return '0%';
  return `${(ratio * 100).toFixed(ratio < 0.1 ? 2 : 1)}%`;
}

export const formatCount = (v: number): string => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '0');

/** Bytes in binary units: `512 B`, `1.5 KiB`, `12.0 MiB`. */
export function formatBytes(v: number): string {
  if (!Number.isFinite(v) || v <= 0) return '0 B';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let n = v;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u += 1;
  }
  return u === 0 ? `${Math.round(n)} B` : `${n.toFixed(n >= 100 ? 0 : 1)} ${units[u]}`;
}
