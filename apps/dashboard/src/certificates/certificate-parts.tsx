import type { TcpRouterInfo, WharfCertificate } from '@wharf/config';
import { StatusBadge } from '../components/status-badge.js';
import { useApi } from '../live/use-api.js';
import { detailHref } from '../nav/element-href.js';
import { hrefFor } from '../nav/hash-location.js';
import { certificateState, expiryOf, expiryText } from './expiry.js';

const expiryClass = { valid: 'enabled', expiring: 'warning', expired: 'disabled', unknown: 'muted' } as const;
const expiryLabel = { valid: 'valid', expiring: 'expires soon', expired: 'expired', unknown: 'no date' } as const;

/** The date, plus a warning badge under 14 days and an error badge once expired. */
export function Expiry({ notAfter }: { notAfter: string }) {
  const e = expiryOf(notAfter);
  if (e.state === 'unknown') return <span className="muted">—</span>;
  return (
    <span className="expiry">
      <time dateTime={notAfter}>{notAfter.slice(0, 10)}</time>{' '}
      {e.state === 'valid' ? <span className="muted">{expiryText(e)}</span> : (
        <span className={`badge badge-${expiryClass[e.state]}`} title={notAfter}>{expiryLabel[e.state]} · {expiryText(e)}</span>
      )}
    </span>
  );
}

export function CertificateStatus({ c }: { c: WharfCertificate }) {
  return <StatusBadge status={certificateState(c)} errors={[...c.errors, ...c.warnings]} />;
}

export const certificateHref = (id: string): string => hrefFor(`/certificates/${encodeURIComponent(id)}`);

/**
 * A certificate's `routers` are qualified names of HTTP and TCP routers alike; the TCP router list
 * says which are TCP (the API does not tag them), everything else links to the HTTP router page.
 */
function useTcpRouterNames(): Set<string> {
  const tcp = useApi<TcpRouterInfo[]>('api/tcp/routers', { per_page: 1000 });
  return new Set((tcp.data ?? []).map((r) => r.name));
}

export function ServedRouters({ routers }: { routers: string[] }) {
  const tcp = useTcpRouterNames();
  if (routers.length === 0) return <span className="muted">none</span>;
  return (
    <ul className="plain inline-list">
      {routers.map((r) => {
        const proto = tcp.has(r) ? 'tcp' : 'http';
        return (
          <li key={r}>
            <a href={detailHref(proto, 'routers', r)}>{r}</a>
            {proto === 'tcp' ? <span className="chip">TCP</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
