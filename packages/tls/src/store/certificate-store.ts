import { TLS_CERT_DUPLICATE, tlsWarning } from '../errors.js';
import type { LoadedCertificate } from '../certificates/load-certificate.js';
import { selectionName, trimTrailingDots, wildcardOf } from './server-name.js';

/**
 * One store's certificates, compiled for a generation (immutable). Selection follows Traefik's
 * `GetBestCertificate`: certificates are visited by their SAN-set key (sorted SANs joined by
 * commas) in reverse lexical order; wharf takes an exact SAN match first, then a one-label
 * wildcard match, in that order (Traefik takes the first certificate matching either way, which
 * differs only when a certificate with a wildcard SAN sorts before one with the exact SAN).
 */
export interface CertificateStore {
  readonly name: string;
  /** usable certificates, in selection order */
  readonly certificates: readonly LoadedCertificate[];
  /** the certificate served when nothing matches (absent for the ACME challenge store) */
  readonly defaultCertificate: LoadedCertificate | undefined;
  /** the best certificate for an SNI (or, without SNI, the local IP); undefined when none matches */
  match(serverName: string | undefined, localAddress?: string): LoadedCertificate | undefined;
  /** the first certificate whose names include every domain (Traefik's `GetCertificate`) */
  findByDomains(domains: readonly string[]): LoadedCertificate | undefined;
}

export function sanKey(certificate: LoadedCertificate): string {
  return [...certificate.names].sort().join(',');
}

/**
 * Orders the certificates of one store and drops those with the SAN-set of an earlier one
 * (Traefik keeps the first); a later valid certificate replaces an earlier expired or not yet
 * valid one (wharf: a renewed certificate added beside the old one is served). The dropped one
 * gets a `WHARF_TLS_CERT_DUPLICATE` warning.
 */
export function dedupeBySans(storeName: string, certificates: readonly LoadedCertificate[]): LoadedCertificate[] {
  const byKey = new Map<string, LoadedCertificate>();
  for (const certificate of certificates) {
    const key = sanKey(certificate);
    const kept = byKey.get(key);
    if (kept === undefined) {
      byKey.set(key, certificate);
      continue;
    }
    const replace = outOfDate(kept) && !outOfDate(certificate);
    const dropped = replace ? kept : certificate;
    const winner = replace ? certificate : kept;
    if (replace) byKey.set(key, certificate);
    dropped.issues.push(tlsWarning(TLS_CERT_DUPLICATE, `store "${storeName}": ${dropped.source.certFile} has the same names (${key}) as ${winner.source.certFile}, which is served`));
  }
  return [...byKey.keys()].sort().reverse().map((key) => byKey.get(key)!);
}

function outOfDate(certificate: LoadedCertificate): boolean {
  return certificate.issues.some((i) => i.code === 'WHARF_TLS_CERT_EXPIRED' || i.code === 'WHARF_TLS_CERT_NOT_YET_VALID');
}

const CACHE_LIMIT = 4096;

export function createCertificateStore(name: string, ordered: readonly LoadedCertificate[], defaultCertificate: LoadedCertificate | undefined): CertificateStore {
  const exact = new Map<string, LoadedCertificate>();
  const wildcard = new Map<string, LoadedCertificate>();
  for (const certificate of ordered) {
    for (const certName of certificate.names) {
      if (!exact.has(certName)) exact.set(certName, certificate);
      const trimmed = trimTrailingDots(certName);
      if (!wildcard.has(trimmed)) wildcard.set(trimmed, certificate);
    }
  }
  // bounded: a client can send any SNI, so the cache is cleared rather than grown without end
  const cache = new Map<string, LoadedCertificate | null>();
  return Object.freeze({
    name,
    certificates: Object.freeze([...ordered]),
    defaultCertificate,
    match(serverName: string | undefined, localAddress?: string) {
      const key = selectionName(serverName, localAddress);
      const hit = cache.get(key);
      if (hit !== undefined) return hit ?? undefined;
      const found = exact.get(key) ?? wildcard.get(wildcardOf(key));
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(key, found ?? null);
      return found;
    },
    findByDomains(domains: readonly string[]) {
      return ordered.find((certificate) => domains.every((d) => certificate.names.includes(d)));
    },
  });
}
