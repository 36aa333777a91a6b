import { createHash, type X509Certificate as NodeX509 } from 'node:crypto';
import { certificateFields } from './certificate-fields.js';

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

/** Builds the info from Node's parse (DER, key) and wharf's DER reading (names, dates, algorithm). */
export function describeCertificate(cert: NodeX509): CertificateInfo {
  const fields = certificateFields(cert.raw);
  const { dnsNames, ipAddresses } = fields;
  const fingerprint = sha256Hex(cert.raw);
  const spki = cert.publicKey.export({ type: 'spki', format: 'der' });
  const { keyType, keySize } = keyOf(cert);
  const first = (name: Map<string, string[]>, oid: string): string | undefined => name.get(oid)?.[0];
  return {
    name: fingerprint,
    commonName: first(fields.subject, CN) ?? '',
    sans: [...dnsNames, ...ipAddresses].sort(),
    dnsNames,
    ipAddresses,
    notBefore: fields.notBefore.toISOString(),
    notAfter: fields.notAfter.toISOString(),
    serialNumber: BigInt(`0x${cert.serialNumber || '0'}`).toString(10),
    ...optional('issuerOrg', first(fields.issuer, O)),
    ...optional('issuerCN', first(fields.issuer, CN)),
    ...optional('issuerCountry', first(fields.issuer, C)),
    ...optional('organization', first(fields.subject, O)),
    ...optional('country', first(fields.subject, C)),
    version: 'v3',
    keyType,
    ...(keySize ? { keySize } : {}),
    signatureAlgorithm: goSignatureName(fields.signature),
    certFingerprint: fingerprint,
    publicKeyFingerprint: sha256Hex(spki),
  };
}

const [CN, O, C] = ['2.5.4.3', '2.5.4.10', '2.5.4.6'];

function keyOf(cert: NodeX509): Pick<CertificateInfo, 'keyType' | 'keySize'> {
  const key = cert.publicKey;
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') return { keyType: 'RSA', keySize: details?.modulusLength };
  if (key.asymmetricKeyType === 'ec') return { keyType: 'ECDSA', keySize: CURVE_BITS[details?.namedCurve ?? ''] };
  if (key.asymmetricKeyType === 'ed25519') return { keyType: 'Ed25519' };
  return { keyType: 'Unknown' };
}

const CURVE_BITS: Record<string, number> = { prime256v1: 256, 'P-256': 256, secp384r1: 384, 'P-384': 384, secp521r1: 521, 'P-521': 521 };

/** Go's `x509.SignatureAlgorithm.String()` by signature OID (RSASSA-PSS by its hash). */
const SIGNATURE_NAMES: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'MD5-RSA',
  '1.2.840.113549.1.1.5': 'SHA1-RSA',
  '1.2.840.113549.1.1.14': 'SHA224-RSA',
  '1.2.840.113549.1.1.11': 'SHA256-RSA',
  '1.2.840.113549.1.1.12': 'SHA384-RSA',
  '1.2.840.113549.1.1.13': 'SHA512-RSA',
  '1.2.840.10045.4.1': 'ECDSA-SHA1',
  '1.2.840.10045.4.3.2': 'ECDSA-SHA256',
  '1.2.840.10045.4.3.3': 'ECDSA-SHA384',
  '1.2.840.10045.4.3.4': 'ECDSA-SHA512',
  '1.3.101.112': 'Ed25519',
};
const PSS_HASHES: Record<string, string> = { '2.16.840.1.101.3.4.2.1': 'SHA256', '2.16.840.1.101.3.4.2.2': 'SHA384', '2.16.840.1.101.3.4.2.3': 'SHA512' };

function goSignatureName(signature: { oid: string; pssHash?: string }): string {
  if (signature.oid === '1.2.840.113549.1.1.10') return `${PSS_HASHES[signature.pssHash ?? ''] ?? 'SHA1'}-RSAPSS`;
  return SIGNATURE_NAMES[signature.oid] ?? signature.oid;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
