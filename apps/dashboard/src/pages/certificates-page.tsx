import type { WharfCertificate } from '@wharf/config';
import { useState } from 'react';
import { Empty, Failure, Loading } from '../components/states.js';
import { useApi } from '../live/use-api.js';
import { hrefFor, navigate } from '../nav/hash-location.js';
import { ElementTable, StatusFilters, type TableColumn } from './element-table.js';
import { CertificateStatus, certificateHref, Expiry, ServedRouters } from '../certificates/certificate-parts.js';
import { certificateState, sourceText } from '../certificates/expiry.js';

const SHOWN_SANS = 3;

/** The first SANs as chips (long names cut, full in the title), then "+N more". */
function Sans({ sans }: { sans: string[] }) {
  const rest = sans.length - SHOWN_SANS;
  return (
    <>
      {sans.slice(0, SHOWN_SANS).map((s) => (
        <span key={s} className="chip chip-long" title={s}>{s}</span>
      ))}
      {rest > 0 ? <span className="muted" title={sans.slice(SHOWN_SANS).join(', ')}>+{rest} more</span> : null}
    </>
  );
}

const columns: TableColumn<WharfCertificate>[] = [
  { label: 'Status', render: (c) => <CertificateStatus c={c} /> },
  { label: 'Subject', render: (c) => <a href={certificateHref(c.id)}>{c.subject || <span className="muted">unreadable</span>}</a> },
  { label: 'SANs', render: (c) => <Sans sans={c.sans} /> },
  { label: 'Issuer', render: (c) => c.issuer },
  { label: 'Expires', render: (c) => <Expiry notAfter={c.notAfter} /> },
  { label: 'Source', render: (c) => <code className="source">{sourceText(c.source)}</code> },
  { label: 'Routers', render: (c) => <ServedRouters routers={c.servedRouters} /> },
];

/** Unreadable first, then soonest expiry first: what needs attention is on top. */
const byExpiry = (a: WharfCertificate, b: WharfCertificate): number =>
  (Date.parse(a.notAfter) || 0) - (Date.parse(b.notAfter) || 0) || a.subject.localeCompare(b.subject);

function matches(c: WharfCertificate, status: string, needle: string): boolean {
  if (status && certificateState(c) !== status) return false;
  if (!needle) return true;
  return [c.subject, c.issuer, c.id, ...c.sans, ...c.routers].some((v) => v.toLowerCase().includes(needle));
}

/** Every certificate of the current generation (`/api/wharf/certificates`), filtered here. */
export function CertificatesPage({ query }: { query: URLSearchParams }) {
  const status = query.get('status') ?? '';
  const [search, setSearch] = useState('');
  const all = useApi<WharfCertificate[]>('api/wharf/certificates');
  const shown = (all.data ?? []).filter((c) => matches(c, status, search.trim().toLowerCase())).sort(byExpiry);
  return (
    <div className="page">
      <h1>Certificates</h1>
      <p className="muted">Expiring within 14 days is a warning, expired or unreadable an error; each with the routers it serves.</p>
      <div className="toolbar" role="toolbar" aria-label="Filters">
        <StatusFilters status={status} onChange={(s) => navigate(hrefFor('/certificates', { status: s }))} />
        <input type="search" placeholder="Search" aria-label="Search certificates" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      {all.error ? <Failure message={all.error} /> : null}
      {!all.data && !all.error ? <Loading /> : null}
      {all.data && shown.length === 0 ? <Empty /> : null}
      {shown.length > 0 ? <ElementTable label="Certificates" columns={columns} items={shown} rowKey={(c) => c.id} /> : null}
    </div>
  );
}
