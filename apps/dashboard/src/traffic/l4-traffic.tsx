import type { L4Counters } from '@wharf/config';
import { formatBytes, formatCount } from './traffic-format.js';
import { useTraffic } from './traffic-provider.js';

type L4Kind = 'routers' | 'services';

/** The live counters of one TCP/UDP router or service (`TrafficSnapshot.l4`, pushed with every `traffic` event). */
function useL4(kind: L4Kind, name: string): { loaded: boolean; counters?: L4Counters } {
  const { traffic } = useTraffic();
  const counters = traffic?.l4?.[kind][name];
  return { loaded: traffic !== undefined, ...(counters ? { counters } : {}) };
}

const unit = (c: L4Counters): string => (c.protocol === 'udp' ? 'sessions' : 'connections');

/** Router or service page: open and total connections (UDP: sessions), bytes each way, live. */
export function L4Traffic({ kind, name }: { kind: L4Kind; name: string }) {
  const { loaded, counters: c } = useL4(kind, name);
  if (!loaded) return null;
  return (
    <section className="card" aria-label="Connections">
      <h2>Connections</h2>
      {c ? (
        <dl className="def" data-l4={name}>
          <div className="def-row"><dt>Open {unit(c)}</dt><dd data-metric="open">{formatCount(c.open)}</dd></div>
          <div className="def-row"><dt>Total since start</dt><dd data-metric="total">{formatCount(c.total)}</dd></div>
          <div className="def-row"><dt>Bytes in (from clients)</dt><dd data-metric="bytesIn">{formatBytes(c.bytesIn)}</dd></div>
          <div className="def-row"><dt>Bytes out (to clients)</dt><dd data-metric="bytesOut">{formatBytes(c.bytesOut)}</dd></div>
        </dl>
      ) : (
        <p className="muted">No connections since start.</p>
      )}
    </section>
  );
}

/** List cell: `2 open · 40 total · 1.2 MiB`. */
export function L4Cell({ kind, name }: { kind: L4Kind; name: string }) {
  const { counters: c } = useL4(kind, name);
  if (!c) return <span className="muted">—</span>;
  return (
    <span className="l4-cell" title={`in ${formatBytes(c.bytesIn)} · out ${formatBytes(c.bytesOut)}`}>
      <strong>{formatCount(c.open)}</strong> open · {formatCount(c.total)} total · {formatBytes(c.bytesIn + c.bytesOut)}
    </span>
  );
}

/** Overview card: open and total connections (UDP: sessions) and bytes over every router of a protocol, live. */
export function L4Totals({ protocol }: { protocol: 'tcp' | 'udp' }) {
  const { traffic } = useTraffic();
  if (!traffic?.l4) return null;
  const mine = Object.values(traffic.l4.routers).filter((c) => c.protocol === protocol);
  const sum = (k: 'open' | 'total' | 'bytesIn' | 'bytesOut'): number => mine.reduce((n, c) => n + c[k], 0);
  const what = protocol === 'udp' ? 'sessions' : 'connections';
  return (
    <section className="card stats" aria-label={`${protocol.toUpperCase()} ${what}`}>
      <h3>Live {what}</h3>
      <ul className="legend">
        <li className="dot-enabled" data-metric="open">Open {formatCount(sum('open'))}</li>
        <li className="muted">Total since start {formatCount(sum('total'))}</li>
        <li className="muted">In {formatBytes(sum('bytesIn'))} · out {formatBytes(sum('bytesOut'))}</li>
      </ul>
    </section>
  );
}
