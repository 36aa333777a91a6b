import type { CertificateRouterRef, WharfCertificate } from '@wharf/config';
import { StatusBadge } from '../components/status-badge.js';
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
 * The routers a certificate serves (`servedRouters`: each with its protocol, so an HTTP and a TCP
 * router of one name are two entries), each linked to its own router page and tagged HTTP or TCP.
 */
export function ServedRouters({ routers }: { routers: CertificateRouterRef[] }) {
  if (routers.length === 0) return <span className="muted">none</span>;
  return (
    <ul className="plain inline-list">
      {routers.map((r) => (
        <li key={`${r.protocol} ${r.name}`} data-protocol={r.protocol}>
          <a href={detailHref(r.protocol, 'routers', r.name)}>{r.name}</a> <span className="chip">{r.protocol.toUpperCase()}</span>
        </li>
      ))}
    </ul>
  );
}
