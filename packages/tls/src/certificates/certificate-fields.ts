import { canonicalIp } from './canonical-ip.js';
import { DER, derChildren, derElement, derOid, derString, type DerElement } from './der.js';

/** What the API reads of a certificate that Node's `X509Certificate` does not give on Node 20. */
export interface CertificateFields {
  /** attribute type OID → values, in order (`2.5.4.3` CN, `2.5.4.10` O, `2.5.4.6` C) */
  subject: Map<string, string[]>;
  issuer: Map<string, string[]>;
  notBefore: Date;
  notAfter: Date;
  /** the certificate's signatureAlgorithm OID and, for RSASSA-PSS, its hash OID */
  signature: { oid: string; pssHash?: string };
  dnsNames: string[];
  /** canonical (Go's `net.IP.String()`) */
  ipAddresses: string[];
}

const SAN_OID = '2.5.29.17';
const RSA_PSS_OID = '1.2.840.113549.1.1.10';
const DNS_NAME = 0x82;
const IP_ADDRESS = 0x87;

function expect(element: DerElement | undefined, tag: number, what: string): DerElement {
  if (element?.tag !== tag) throw new Error(`certificate: ${what} expected`);
  return element;
}

function nameOf(name: DerElement): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const rdn of derChildren(expect(name, DER.SEQUENCE, 'Name').value)) {
    for (const attribute of derChildren(expect(rdn, DER.SET, 'RelativeDistinguishedName').value)) {
      const [type, value] = derChildren(expect(attribute, DER.SEQUENCE, 'AttributeTypeAndValue').value);
      const oid = derOid(expect(type, DER.OID, 'attribute type').value);
      if (value) out.set(oid, [...(out.get(oid) ?? []), derString(value)]);
    }
  }
  return out;
}

/** UTCTime (YYMMDDHHMMSSZ, 1950–2049) or GeneralizedTime (YYYYMMDDHHMMSSZ). */
function timeOf({ tag, value }: DerElement): Date {
  const text = value.toString('latin1');
  const full = tag === DER.UTC_TIME ? `${Number(text.slice(0, 2)) < 50 ? '20' : '19'}${text}` : text;
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d+)?Z$/.exec(full);
  if (!m || (tag !== DER.UTC_TIME && tag !== DER.GENERALIZED_TIME)) throw new Error('certificate: bad validity time');
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}

function ipText(octets: Buffer): string {
  if (octets.length === 4) return [...octets].join('.');
  const groups: string[] = [];
  for (let i = 0; i + 2 <= octets.length; i += 2) groups.push(octets.readUInt16BE(i).toString(16));
  const text = groups.join(':');
  return canonicalIp(text) ?? text;
}

function subjectAltNames(extensions: DerElement | undefined, out: CertificateFields): void {
  if (extensions === undefined) return;
  for (const ext of derChildren(derElement(extensions.value).value)) {
    const parts = derChildren(ext.value);
    if (derOid(expect(parts[0], DER.OID, 'extension id').value) !== SAN_OID) continue;
    const octets = expect(parts.at(-1), DER.OCTET_STRING, 'extension value');
    for (const general of derChildren(derElement(octets.value).value)) {
      if (general.tag === DNS_NAME) out.dnsNames.push(general.value.toString('latin1'));
      else if (general.tag === IP_ADDRESS) out.ipAddresses.push(ipText(general.value));
    }
  }
}

function signatureOf(algorithm: DerElement): CertificateFields['signature'] {
  const [oid, params] = derChildren(expect(algorithm, DER.SEQUENCE, 'AlgorithmIdentifier').value);
  const signature = { oid: derOid(expect(oid, DER.OID, 'algorithm').value) };
  if (signature.oid !== RSA_PSS_OID || params?.tag !== DER.SEQUENCE) return signature;
  // RSASSA-PSS-params: [0] hashAlgorithm (SHA-1 when absent)
  const hash = derChildren(params.value).find((p) => p.tag === 0xa0);
  if (hash === undefined) return signature;
  const [hashOid] = derChildren(derElement(hash.value).value);
  return { ...signature, pssHash: derOid(expect(hashOid, DER.OID, 'hash algorithm').value) };
}

/** Reads a DER X.509 certificate's names, validity, SANs and signature algorithm. Throws on a malformed one. */
export function certificateFields(der: Buffer): CertificateFields {
  const [tbs, algorithm] = derChildren(expect(derElement(der), DER.SEQUENCE, 'Certificate').value);
  const fields = derChildren(expect(tbs, DER.SEQUENCE, 'TBSCertificate').value);
  // [0] version is optional (v1 certificates omit it)
  const rest = fields[0]?.tag === 0xa0 ? fields.slice(1) : fields;
  const [, , issuer, validity, subject, , ...optional] = rest;
  const [notBefore, notAfter] = derChildren(expect(validity, DER.SEQUENCE, 'Validity').value);
  const out: CertificateFields = {
    subject: nameOf(expect(subject, DER.SEQUENCE, 'subject')),
    issuer: nameOf(expect(issuer, DER.SEQUENCE, 'issuer')),
    notBefore: timeOf(notBefore ?? { tag: 0, value: Buffer.alloc(0) }),
    notAfter: timeOf(notAfter ?? { tag: 0, value: Buffer.alloc(0) }),
    signature: signatureOf(expect(algorithm, DER.SEQUENCE, 'signatureAlgorithm')),
    dnsNames: [],
    ipAddresses: [],
  };
  subjectAltNames(optional.find((e) => e.tag === 0xa3), out);
  return out;
}
