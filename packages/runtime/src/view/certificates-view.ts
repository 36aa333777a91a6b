import { TLS_DEFAULT_STORE_NAME, type CertificateRouterRef, type Diagnostic, type TraefikCertificate, type WharfCertificate } from '@wharf/config';
import { certificateStatus, reportCertificate, tlsIssues } from '@wharf/tls';
import type { Generation } from '../compile/generation.js';

const HOST_ARGUMENTS = /Host(?:SNI)?\(([^)]*)\)/g;
const QUOTED = /[`"]([^`"]*)[`"]/g;

/** The host names a router's rule (or `tls.domains`) asks TLS for. */
function tlsHosts(rule: string | undefined, domains: Array<{ main?: string; sans?: string[] }> | undefined): string[] {
  const hosts: string[] = [];
  for (const d of domains ?? []) hosts.push(...[d.main ?? '', ...(d.sans ?? [])].filter((h) => h !== ''));
  for (const call of (rule ?? '').slice(0, 64 * 1024).matchAll(HOST_ARGUMENTS)) {
    for (const q of (call[1] ?? '').matchAll(QUOTED)) if (q[1]) hosts.push(q[1].toLowerCase());
  }
  return hosts;
}

type TlsRouterConfig = { rule?: string; tls?: { domains?: Array<{ main?: string; sans?: string[] }> } };

const byNameThenProtocol = (a: CertificateRouterRef, b: CertificateRouterRef): number =>
  (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0);

/**
 * The generation's certificates for `/api/wharf/certificates`, each with the routers (HTTP and
 * TCP, with `tls`) whose hosts the default store answers with it: `servedRouters` says which
 * protocol each is, `routers` keeps the names alone.
 */
export function certificatesView(gen: Generation, now = Date.now()): WharfCertificate[] {
  const compiled = gen.tls?.compiled;
  if (!compiled) return [];
  const servedBy = new Map<string, Map<string, CertificateRouterRef>>();
  const routers = [
    ...Object.values(gen.validated.routers).map((r) => ({ protocol: 'http' as const, name: r.name, config: r.config as TlsRouterConfig })),
    ...Object.values(gen.validated.tcpRouters ?? {}).map((r) => ({ protocol: 'tcp' as const, name: r.name, config: r.config as TlsRouterConfig })),
  ];
  for (const r of routers) {
    if (!r.config.tls) continue;
    for (const host of tlsHosts(r.config.rule, r.config.tls.domains)) {
      const cert = compiled.certificates.store.match(host) ?? compiled.certificates.store.defaultCertificate;
      if (!cert) continue;
      const refs = servedBy.get(cert.id) ?? new Map<string, CertificateRouterRef>();
      refs.set(`${r.protocol} ${r.name}`, { protocol: r.protocol, name: r.name });
      servedBy.set(cert.id, refs);
    }
  }
  return compiled.certificates.entries.map((entry) => {
    const servedRouters = [...(servedBy.get(entry.certificate.id)?.values() ?? [])].sort(byNameThenProtocol);
    return { ...reportCertificate(entry, now), routers: [...new Set(servedRouters.map((r) => r.name))], servedRouters };
  });
}

/** Go's `time.Time` JSON (RFC 3339, no fraction when it is zero: certificate dates have whole seconds). */
const goTime = (iso: string): string => iso.replace(/\.000Z$/, 'Z');

/**
 * The generation's certificates as Traefik 3.7's `/api/certificates` (and its TLS metrics) list
 * them, one per fingerprint: those loaded into the `default` store (expired ones included), without
 * the generated `TRAEFIK DEFAULT CERT` (Traefik's `GetServerCertificates`). Unusable ones (key
 * mismatch) and other stores are in `/api/wharf/certificates` with their errors.
 */
export function traefikCertificatesView(gen: Generation, now = Date.now()): TraefikCertificate[] {
  const out = new Map<string, TraefikCertificate>();
  for (const { certificate, origin, stores } of gen.tls?.compiled.certificates.entries ?? []) {
    const info = certificate.info;
    if (origin === 'generated' || !certificate.usable || !stores.includes(TLS_DEFAULT_STORE_NAME)) continue;
    if (!info || out.has(info.name)) continue;
    const { dnsNames: _dns, ipAddresses: _ips, ...traefik } = info;
    const keyType = traefik.keyType === 'RSA' || traefik.keyType === 'ECDSA' ? traefik.keyType : 'Unknown';
    out.set(info.name, { ...traefik, keyType, notBefore: goTime(info.notBefore), notAfter: goTime(info.notAfter), status: certificateStatus(info, now) });
  }
  return [...out.values()];
}

/**
 * The generation's TLS issues (certificates, stores, option sets) as diagnostics: the merged `tls`
 * section does not say which provider sent it, so `provider` is `tls` and `source` names the file.
 */
export function tlsDiagnostics(gen: Generation): Diagnostic[] {
  // a conflicted copy is a warning the user must see: TLS options were downgraded to default
  const conflicts = gen.validated.tlsConflicts.map((c): Diagnostic => ({
    provider: 'tls', source: `entryPoint ${c.entryPoint}`, code: c.code, severity: 'warning',
    message: `${c.message}: router "${c.router}" is served there by "${c.copy}" with the default TLS options`,
    element: { kind: 'router', name: c.copy },
  }));
  if (!gen.tls) return conflicts;
  return [...tlsIssues(gen.tls.compiled).map((issue): Diagnostic => ({ provider: 'tls', source: issue.element, code: issue.code, severity: issue.severity, message: issue.message })), ...conflicts];
}
