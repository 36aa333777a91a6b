import type { WharfCertificate, WharfCertificateSource } from '@wharf/config';
import type { CertificateEntry } from './compile-certificates.js';
import { isInlinePem } from '../certificates/file-or-content.js';

/** wharf's status: less than 14 days left is a warning (Traefik's overview counts these). */
export const CERTIFICATE_WARNING_MS = 14 * 24 * 3600 * 1000;

function sourceOf(entry: CertificateEntry): WharfCertificateSource {
  if (entry.origin === 'generated') return { kind: 'default' };
  const path = entry.certificate.source.certFile;
  return path === 'inline PEM' || isInlinePem(path) ? { kind: 'inline', provider: '' } : { kind: 'file', path };
}

/**
 * One certificate as `/api/wharf/certificates` shows it (routers left empty: the runtime knows
 * them). A certificate with an error is `disabled`; expired or expiring soon is a warning.
 */
export function reportCertificate(entry: CertificateEntry, now: number): WharfCertificate {
  const { certificate } = entry;
  const info = certificate.info;
  const errors = certificate.issues.filter((i) => i.severity === 'error').map((i) => `${i.code}: ${i.message}`);
  const warnings = certificate.issues.filter((i) => i.severity === 'warning').map((i) => `${i.code}: ${i.message}`);
  if (info && errors.length === 0 && Date.parse(info.notAfter) - now < CERTIFICATE_WARNING_MS && Date.parse(info.notAfter) >= now) {
    warnings.push(`expires on ${info.notAfter}`);
  }
  const disabled = !certificate.usable || errors.length > 0;
  return {
    id: certificate.id,
    subject: info?.commonName ?? '',
    sans: info?.sans ?? [],
    issuer: info?.issuerCN ?? info?.issuerOrg ?? '',
    notBefore: info?.notBefore ?? '',
    notAfter: info?.notAfter ?? '',
    serial: info ? BigInt(info.serialNumber).toString(16) : '',
    source: sourceOf(entry),
    stores: [...entry.stores],
    routers: [],
    servedRouters: [],
    status: disabled ? 'disabled' : warnings.length > 0 ? 'warning' : 'enabled',
    warnings,
    errors,
  };
}
