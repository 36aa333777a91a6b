import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import type { TlsCertificatePairConfig } from '@wharf/config';
import {
  TLS_BAD_KEY,
  TLS_CERT_EXPIRED,
  TLS_CERT_NOT_YET_VALID,
  TLS_FILE_UNREADABLE,
  TLS_KEY_MISMATCH,
  TLS_NOT_PEM,
  tlsError,
  type TlsIssue,
} from '../errors.js';
import { describeCertificate, type CertificateInfo } from './certificate-info.js';
import { describeSource, readFileOrContent } from './file-or-content.js';

/** Where a certificate came from, as the API shows it (never the PEM itself). */
export interface CertificateSource {
  certFile: string;
  keyFile: string;
}

/** A certificate as loaded for one generation: parsed, checked, ready for a SecureContext. */
export interface LoadedCertificate {
  /** the SHA-256 fingerprint, or `source.certFile` when the certificate could not be parsed */
  id: string;
  source: CertificateSource;
  /** usable for serving: parsed, key matching (expired ones are still served, as Traefik does) */
  usable: boolean;
  issues: TlsIssue[];
  info?: CertificateInfo;
  /**
   * Traefik's SAN set: lower-cased CN, DNS SANs and IP SANs (CN first, duplicates of the CN
   * dropped). Certificates are selected against these names.
   */
  names: string[];
  /** PEM of the certificate chain and of its key (for `tls.createSecureContext`) */
  certPem: string;
  keyPem: string;
}

const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

/**
 * Loads one certificate/key pair (paths or inline PEM). Never throws: every problem is a coded
 * issue naming the file; a certificate that cannot be parsed, or whose key does not match, is
 * not usable. Validity dates are checked against `now`.
 */
export function loadCertificate(pair: TlsCertificatePairConfig, now: number): LoadedCertificate {
  const source = { certFile: describeSource(pair.certFile), keyFile: describeSource(pair.keyFile) };
  const out: LoadedCertificate = { id: source.certFile, source, usable: false, issues: [], names: [], certPem: '', keyPem: '' };
  const cert = readFileOrContent(pair.certFile);
  const key = readFileOrContent(pair.keyFile);
  if (!cert.ok) out.issues.push(tlsError(TLS_FILE_UNREADABLE, `cannot read certFile ${cert.source}: ${cert.reason}`));
  if (!key.ok) out.issues.push(tlsError(TLS_FILE_UNREADABLE, `cannot read keyFile ${key.source}: ${key.reason}`));
  if (!cert.ok || !key.ok) return out;
  const x509 = parseCertificate(cert.text, source.certFile, out.issues);
  const privateKey = parseKey(key.text, source.keyFile, out.issues);
  if (x509 === undefined || privateKey === undefined) return out;
  if (!x509.checkPrivateKey(privateKey)) {
    out.issues.push(tlsError(TLS_KEY_MISMATCH, `the key in ${source.keyFile} does not match the certificate in ${source.certFile}`));
    return out;
  }
  out.info = describeCertificate(x509);
  out.id = out.info.name;
  out.names = traefikNames(out.info);
  out.certPem = cert.text;
  out.keyPem = key.text;
  out.usable = true;
  out.issues.push(...validityIssues(out.info, source.certFile, now));
  return out;
}

function parseCertificate(text: string, file: string, issues: TlsIssue[]): X509Certificate | undefined {
  const block = CERT_BLOCK.exec(text);
  if (block === null) {
    issues.push(tlsError(TLS_NOT_PEM, `certFile ${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`));
    return undefined;
  }
  try {
    return new X509Certificate(block[0]);
  } catch (err) {
    issues.push(tlsError(TLS_NOT_PEM, `certFile ${file}: the certificate cannot be parsed (${(err as Error).message})`));
    return undefined;
  }
}

function parseKey(text: string, file: string, issues: TlsIssue[]): KeyObject | undefined {
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
    issues.push(tlsError(TLS_NOT_PEM, `keyFile ${file} holds no PEM private key (-----BEGIN PRIVATE KEY-----)`));
    return undefined;
  }
  try {
    return createPrivateKey({ key: text, format: 'pem' });
  } catch (err) {
    const encrypted = /ENCRYPTED|passphrase/i.test(text) || /passphrase/i.test((err as Error).message);
    issues.push(tlsError(TLS_BAD_KEY, `keyFile ${file}: ${encrypted ? 'the key is encrypted (a key without passphrase is needed)' : `the key cannot be parsed (${(err as Error).message})`}`));
    return undefined;
  }
}

function traefikNames(info: CertificateInfo): string[] {
  const cn = info.commonName.toLowerCase();
  const names = cn ? [cn] : [];
  for (const name of [...info.dnsNames, ...info.ipAddresses]) {
    const lower = name.toLowerCase();
    if (lower !== cn) names.push(lower);
  }
  return names;
}

function validityIssues(info: CertificateInfo, file: string, now: number): TlsIssue[] {
  if (Date.parse(info.notAfter) < now) {
    return [tlsError(TLS_CERT_EXPIRED, `the certificate in ${file} expired on ${info.notAfter} (still served, as Traefik does)`)];
  }
  if (Date.parse(info.notBefore) > now) {
    return [tlsError(TLS_CERT_NOT_YET_VALID, `the certificate in ${file} is not valid before ${info.notBefore} (still served, as Traefik does)`)];
  }
  return [];
}
