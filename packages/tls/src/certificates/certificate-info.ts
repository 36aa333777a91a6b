import { createHash, type X509Certificate as NodeX509 } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { canonicalIp } from './canonical-ip.js';

/**
 * What the API shows of a certificate: Traefik 3.7's `/api/certificates` item
 * (`pkg/api/certificate.go`), plus the DNS and IP SANs apart.
 */
export interface CertificateInfo {
  /** SHA-256 fingerprint of the DER certificate, hex (Traefik's `name`) */
  name: string;
  commonName: string;
  /** DNS and IP SANs, sorted (Traefik's `sans`) */
  sans: string[];
  dnsNames: string[];
  ipAddresses: string[];
  /** ISO 8601 */
  notBefore: string;
  notAfter: string;
  /** decimal, as Go prints `SerialNumber.String()` */
  serialNumber: string;
  issuerOrg?: string;
  issuerCN?: string;
  issuerCountry?: string;
  organization?: string;
  country?: string;
  version: string;
  keyType: 'RSA' | 'ECDSA' | 'Ed25519' | 'Unknown';
  keySize?: number;
  /** Go's `x509.SignatureAlgorithm.String()` names: `SHA256-RSA`, `ECDSA-SHA256`, … */
  signatureAlgorithm: string;
  certFingerprint: string;
  publicKeyFingerprint: string;
}

/** Traefik's status: expired, `warning` with less than 30 days left, else enabled. */
export type CertificateStatus = 'enabled' | 'warning' | 'expired';
const WARNING_MS = 30 * 24 * 3600 * 1000;

export function certificateStatus(info: Pick<CertificateInfo, 'notAfter'>, now: number): CertificateStatus {
  const remaining = Date.parse(info.notAfter) - now;
  if (remaining < 0) return 'expired';
  return remaining < WARNING_MS ? 'warning' : 'enabled';
}

/** Builds the info from Node's parse (DER, key) and @peculiar/x509's (names, algorithms). */
export function describeCertificate(cert: NodeX509): CertificateInfo {
  const parsed = new x509.X509Certificate(cert.raw);
  const { dnsNames, ipAddresses } = subjectAltNames(parsed);
  const fingerprint = sha256Hex(cert.raw);
  const spki = cert.publicKey.export({ type: 'spki', format: 'der' });
  const { keyType, keySize } = keyOf(cert);
  return {
    name: fingerprint,
    commonName: first(parsed.subjectName, 'CN') ?? '',
    sans: [...dnsNames, ...ipAddresses].sort(),
    dnsNames,
    ipAddresses,
    notBefore: parsed.notBefore.toISOString(),
    notAfter: parsed.notAfter.toISOString(),
    serialNumber: BigInt(`0x${parsed.serialNumber || '0'}`).toString(10),
    ...optional('issuerOrg', first(parsed.issuerName, 'O')),
    ...optional('issuerCN', first(parsed.issuerName, 'CN')),
    ...optional('issuerCountry', first(parsed.issuerName, 'C')),
    ...optional('organization', first(parsed.subjectName, 'O')),
    ...optional('country', first(parsed.subjectName, 'C')),
    version: 'v3',
    keyType,
    ...(keySize ? { keySize } : {}),
    signatureAlgorithm: goSignatureName(parsed.signatureAlgorithm as { name: string; hash?: { name: string } }),
    certFingerprint: fingerprint,
    publicKeyFingerprint: sha256Hex(spki),
  };
}

function subjectAltNames(cert: x509.X509Certificate): { dnsNames: string[]; ipAddresses: string[] } {
  const dnsNames: string[] = [];
  const ipAddresses: string[] = [];
  const ext = cert.getExtension(x509.SubjectAlternativeNameExtension);
  for (const item of ext?.names.items ?? []) {
    if (item.type === 'dns') dnsNames.push(item.value);
    else if (item.type === 'ip') ipAddresses.push(canonicalIp(item.value) ?? item.value);
  }
  return { dnsNames, ipAddresses };
}

function keyOf(cert: NodeX509): Pick<CertificateInfo, 'keyType' | 'keySize'> {
  const key = cert.publicKey;
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') return { keyType: 'RSA', keySize: details?.modulusLength };
  if (key.asymmetricKeyType === 'ec') return { keyType: 'ECDSA', keySize: CURVE_BITS[details?.namedCurve ?? ''] };
  if (key.asymmetricKeyType === 'ed25519') return { keyType: 'Ed25519' };
  return { keyType: 'Unknown' };
}

const CURVE_BITS: Record<string, number> = { prime256v1: 256, 'P-256': 256, secp384r1: 384, 'P-384': 384, secp521r1: 521, 'P-521': 521 };
const HASH = (name: string | undefined): string => (name ?? '').replace('-', '');

function goSignatureName(alg: { name: string; hash?: { name: string } }): string {
  switch (alg.name) {
    case 'RSASSA-PKCS1-v1_5':
      return `${HASH(alg.hash?.name)}-RSA`;
    case 'RSA-PSS':
      return `${HASH(alg.hash?.name)}-RSAPSS`;
    case 'ECDSA':
      return `ECDSA-${HASH(alg.hash?.name)}`;
    case 'Ed25519':
    case 'EdDSA':
      return 'Ed25519';
    default:
      return alg.name || 'Unknown';
  }
}

function first(name: x509.Name, field: string): string | undefined {
  return name.getField(field)[0];
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
