// Formats results as a table with ratios to the HAProxy row.
const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '-');

export function withRatios(results) {
  const ref = results.find((r) => r.name === 'haproxy');
  return results.map((r) => ({
    ...r,
    rpsRatio: ref && ref.rps > 0 ? r.rps / ref.rps : Number.NaN,
    p99Ratio: ref && ref.p99 > 0 ? r.p99 / ref.p99 : Number.NaN,
    cpuRatio: ref && ref.cpuUsPerReq > 0 ? r.cpuUsPerReq / ref.cpuUsPerReq : Number.NaN,
    ...baseRatios(r, results.find((b) => b.name === r.base)),
  }));
}

/** req/s and CPU of a feature row relative to its plain row (e.g. sticky / plain). */
function baseRatios(r, base) {
  if (base === undefined || !(base.rps > 0)) return {};
  return { baseRpsRatio: r.rps / base.rps, baseCpuRatio: r.cpuUsPerReq / base.cpuUsPerReq };
}

export function table(results) {
  const head = ['row', 'req/s', 'p50 ms', 'p99 ms', 'cpu µs/req', 'usr+sys', 'req/s ×hap', 'p99 ×hap', 'cpu ×hap', 'req/s ×base', 'cpu ×base', 'errors'];
  const lines = results.map((r) => [
    r.name,
    fmt(r.rps),
    fmt(r.p50, 2),
    fmt(r.p99, 2),
    fmt(r.cpuUsPerReq, 1),
    Number.isFinite(r.userUsPerReq) ? `${fmt(r.userUsPerReq)}+${fmt(r.sysUsPerReq)}` : '-',
    fmt(r.rpsRatio, 2),
    fmt(r.p99Ratio, 2),
    fmt(r.cpuRatio, 2),
    r.baseRpsRatio === undefined ? '' : fmt(r.baseRpsRatio, 2),
    r.baseCpuRatio === undefined ? '' : fmt(r.baseCpuRatio, 2),
    r.error ?? (r.non2xx > 0 ? `${r.non2xx} non-2xx` : r.socketErrors || ''),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
  const row = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [row(head), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(row)].join('\n');
}
