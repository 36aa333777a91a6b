import type { WharfCertificate } from '@wharf/config';
import { nameSegment } from '../api/api-base.js';
import { ErrorList } from '../components/error-list.js';
import { Failure, Loading } from '../components/states.js';
import { useApi } from '../live/use-api.js';
import { Definition } from '../components/definition.js';
import { CertificateStatus, Expiry, ServedRouters } from '../certificates/certificate-parts.js';
import { sourceText } from '../certificates/expiry.js';

/** One certificate (`/api/wharf/certificates/{id}`): names, dates, source, stores, routers, problems. */
export function CertificatePage({ id }: { id: string }) {
  const res = useApi<WharfCertificate>(`api/wharf/certificates/${nameSegment(id)}`);
  if (res.error) return <Failure message={res.error} />;
  const c = res.data;
  if (!c) return <Loading />;
  return (
    <div className="page">
      <h1>Certificate {c.subject || c.id}</h1>
      <Definition
        title="Certificate details"
        rows={[
          ['Status', <CertificateStatus c={c} />],
          ['Subject', c.subject],
          ['SANs', c.sans.length > 0 ? c.sans.map((s) => <span key={s} className="chip">{s}</span>) : undefined],
          ['Issuer', c.issuer],
          ['Not before', c.notBefore ? <time dateTime={c.notBefore}>{c.notBefore}</time> : undefined],
          ['Not after', <Expiry notAfter={c.notAfter} />],
          ['Serial', c.serial ? <code>{c.serial}</code> : undefined],
          [c.notAfter ? 'Fingerprint (SHA-256)' : 'Id', <code>{c.id}</code>],
          ['Source', <code>{sourceText(c.source)}</code>],
          ['Stores', c.stores.join(', ')],
        ]}
      />
      <section className="card" aria-label="Routers served">
        <h2>Routers served</h2>
        <ServedRouters routers={c.servedRouters} />
      </section>
      <ErrorList errors={c.errors} />
      <ErrorList errors={c.warnings} title="Warnings" />
    </div>
  );
}
