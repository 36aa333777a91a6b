import type { DetailedPeerCertificate } from 'node:tls';
import type { DistinguishedNameOptions, PassTLSClientCertOptions } from './schema.js';

type Info = NonNullable<PassTLSClientCertOptions['info']>;
type DN = Record<string, string | string[] | undefined>;

const DN_FIELDS: Array<[keyof DistinguishedNameOptions, string, string]> = [
  ['country', 'C', 'C'],
  ['province', 'ST', 'ST'],
  ['locality', 'L', 'L'],
  ['organization', 'O', 'O'],
  ['organizationalUnit', 'OU', 'OU'],
  ['commonName', 'CN', 'CN'],
  ['serialNumber', 'serialNumber', 'SN'],
  ['domainComponent', 'DC', 'DC'],
];

function formatDN(dn: DN | undefined, wanted: DistinguishedNameOptions): string {
  const parts: string[] = [];
  for (const [opt, key, label] of DN_FIELDS) {
    const v = dn?.[key];
    if (!wanted[opt] || v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) parts.push(`${label}=${one}`);
  }
  return parts.join(',');
}

function sans(cert: DetailedPeerCertificate): string {
  return (cert.subjectaltname ?? '')
    .split(',')
    .map((s) => s.trim().replace(/^(DNS|IP Address|email|URI):/, ''))
    .filter((s) => s !== '')
    .join(',');
}

/** One certificate as Traefik's X-Forwarded-Tls-Client-Cert-Info entry (before escaping). */
export function certInfo(cert: DetailedPeerCertificate, info: Info): string {
  const parts: string[] = [];
  if (info.subject) parts.push(`Subject="${formatDN(cert.subject as unknown as DN, info.subject)}"`);
  if (info.issuer) parts.push(`Issuer="${formatDN(cert.issuer as unknown as DN, info.issuer)}"`);
  if (info.serialNumber) parts.push(`SerialNumber="${BigInt(`0x${cert.serialNumber}`).toString()}"`);
  if (info.notBefore) parts.push(`NB="${Math.floor(Date.parse(cert.valid_from) / 1000)}"`);
  if (info.notAfter) parts.push(`NA="${Math.floor(Date.parse(cert.valid_to) / 1000)}"`);
  if (info.sans) parts.push(`SAN="${sans(cert)}"`);
  return parts.join(';');
}

/** PEM body without armour lines and newlines (Traefik's sanitize). */
export function certPem(cert: DetailedPeerCertificate): string {
  return cert.raw.toString('base64');
}

const selfSigned = (c: DetailedPeerCertificate) => !c.issuerCertificate || c.issuerCertificate === c || c.issuerCertificate.fingerprint256 === c.fingerprint256;

/**
 * The leaf and its intermediates, leaf first. Node resolves the chain up to the trusted root;
 * the self-signed root is left out (clients do not send it, so Traefik would not show it).
 */
export function peerChain(leaf: DetailedPeerCertificate): DetailedPeerCertificate[] {
  const chain: DetailedPeerCertificate[] = [leaf];
  let cur = leaf;
  while (!selfSigned(cur) && chain.length < 10) {
    cur = cur.issuerCertificate;
    if (!cur.raw || selfSigned(cur)) break;
    chain.push(cur);
  }
  return chain;
}

/** Go's url.QueryEscape. */
export function queryEscape(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+');
}
