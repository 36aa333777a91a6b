import type { Diagnostic, TcpRouterTls, WharfCertificate } from '@wharf/config';
import { Definition } from '../components/definition.js';
import { useApi } from '../live/use-api.js';
import { certificateHref, CertificateStatus, Expiry } from './certificate-parts.js';

/** A router's `tls` block: HTTP routers have options/certResolver/domains, TCP routers also passthrough. */
type RouterTls = TcpRouterTls;

function Domains({ domains }: { domains: NonNullable<RouterTls['domains']> }) {
  return (
    <ul className="plain">
      {domains.map((d, i) => (
        <li key={`${d.main ?? ''}${i}`}>
          <code>{d.main ?? '—'}</code> {(d.sans ?? []).map((s) => <span key={s} className="chip">{s}</span>)}
        </li>
      ))}
    </ul>
  );
}

/** The certificates that serve this router (the default store's answer for its hosts), by protocol and name. */
function ServingCertificates({ proto, router }: { proto: string; router: string }) {
  const all = useApi<WharfCertificate[]>('api/wharf/certificates');
  if (!all.data) return all.error ? <span className="muted">unavailable: {all.error}</span> : <span className="muted">…</span>;
  const mine = all.data.filter((c) => c.servedRouters.some((r) => r.protocol === proto && r.name === router));
  if (mine.length === 0) return <span className="muted">none matched (the default certificate answers)</span>;
  return (
    <ul className="plain">
      {mine.map((c) => (
        <li key={c.id} data-certificate={c.id}>
          <CertificateStatus c={c} /> <a href={certificateHref(c.id)}>{c.subject || c.id}</a> <Expiry notAfter={c.notAfter} />
        </li>
      ))}
    </ul>
  );
}

/** the diagnostics of a `<ep>-conflicted-<router>` copy (docs/tls.md): its options are written, `default` is used */
const DOWNGRADED = new Set(['WHARF_TLS_OPTIONS_CONFLICT', 'WHARF_TLS_OPTIONS_NO_DOMAIN']);

/** The options as written, and when a conflict replaced them, that `default` is what the handshake uses. */
function Options({ router, written }: { router: string; written: string }) {
  const diags = useApi<Diagnostic[]>('api/wharf/diagnostics', { per_page: 1000 });
  const downgraded = diags.data?.some((d) => DOWNGRADED.has(d.code) && d.element?.name === router) === true;
  if (!downgraded || written === 'default') return <code>{written}</code>;
  return (
    <span data-downgraded>
      <code>default</code> <span className="badge badge-warning">conflict</span> <span className="muted">(configured <code>{written}</code>, not applied: see the TLS options warning)</span>
    </span>
  );
}

/** The TLS card of a router page; nothing for a plaintext router. */
export function RouterTlsCard({ proto, router, tls }: { proto: string; router: string; tls: RouterTls | undefined }) {
  if (!tls) return null;
  return (
    <Definition
      title="TLS"
      rows={[
        ['Mode', tls.passthrough ? 'passthrough (encrypted bytes forwarded as is)' : 'terminated by wharf'],
        ['Options', tls.passthrough ? undefined : <Options router={router} written={tls.options ?? 'default'} />],
        ['Cert resolver', tls.certResolver],
        ['Domains', tls.domains && tls.domains.length > 0 ? <Domains domains={tls.domains} /> : undefined],
        ['Certificates', tls.passthrough ? undefined : <ServingCertificates proto={proto} router={router} />],
      ]}
    />
  );
}
