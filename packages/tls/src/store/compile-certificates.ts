import {
  TLS_ACME_ALPN_STORE_NAME,
  TLS_DEFAULT_STORE_NAME,
  type TlsConfiguration,
  type TlsStoreConfig,
} from '@wharf/config';
import type { GeneratedCertificate } from '../certificates/default-certificate.js';
import { loadCertificate, type LoadedCertificate } from '../certificates/load-certificate.js';
import { TLS_DEFAULT_CERT, TLS_STORE_IGNORED, tlsError, tlsWarning, type TlsIssue } from '../errors.js';
import { createCertificateStore, dedupeBySans, type CertificateStore } from './certificate-store.js';

export type CertificateOrigin = 'file' | 'defaultCertificate' | 'generated';

/** One entry of `tls.certificates` (or a store's default), as loaded, for the API. */
export interface CertificateEntry {
  certificate: LoadedCertificate;
  origin: CertificateOrigin;
  /** the stores it was added to (`default` when the entry names none) */
  stores: string[];
}

export interface CompiledCertificates {
  /** every configured certificate, usable or not, in configuration order, then the defaults */
  entries: CertificateEntry[];
  /** the `default` store (the one every router uses) */
  store: CertificateStore;
  /** TLS-ALPN-01 challenge certificates, used only for clients offering `acme-tls/1` */
  acmeStore: CertificateStore;
  /** problems of the stores themselves (default certificate, ignored stores) */
  issues: TlsIssue[];
}

export interface CompileCertificatesOptions {
  /** the self-signed certificate generated at start-up (`generateDefaultCertificate`) */
  generated: GeneratedCertificate;
  now: number;
}

/**
 * Loads every certificate of a (merged) `tls` section and builds the stores. Never throws: bad
 * certificates carry their issues and are left out, the others are served. Only the `default`
 * store serves routers, as in Traefik; other store names get a warning.
 */
export function compileCertificates(tls: TlsConfiguration | undefined, o: CompileCertificatesOptions): CompiledCertificates {
  const issues: TlsIssue[] = [];
  const entries: CertificateEntry[] = [];
  const byStore = new Map<string, LoadedCertificate[]>([[TLS_DEFAULT_STORE_NAME, []], [TLS_ACME_ALPN_STORE_NAME, []]]);
  for (const config of tls?.certificates ?? []) {
    const certificate = loadCertificate(config, o.now);
    const stores = config.stores?.length ? [...new Set(config.stores)] : [TLS_DEFAULT_STORE_NAME];
    entries.push({ certificate, origin: 'file', stores });
    const ignored = stores.filter((s) => !byStore.has(s));
    if (ignored.length > 0) {
      certificate.issues.push(tlsWarning(TLS_STORE_IGNORED, `${certificate.source.certFile}: store ${ignored.map((s) => `"${s}"`).join(', ')} is not used (only the "default" store serves, as in Traefik)`));
    }
    if (!certificate.usable) continue;
    for (const store of stores) byStore.get(store)?.push(certificate);
  }
  for (const name of Object.keys(tls?.stores ?? {})) {
    if (name !== TLS_DEFAULT_STORE_NAME) issues.push(tlsWarning(TLS_STORE_IGNORED, `TLS store "${name}" is not used (only the "default" store serves, as in Traefik)`));
  }
  const ordered = dedupeBySans(TLS_DEFAULT_STORE_NAME, byStore.get(TLS_DEFAULT_STORE_NAME)!);
  const fallback = defaultCertificate(tls?.stores?.[TLS_DEFAULT_STORE_NAME], ordered, o, entries, issues);
  return {
    entries,
    store: createCertificateStore(TLS_DEFAULT_STORE_NAME, ordered, fallback),
    acmeStore: createCertificateStore(TLS_ACME_ALPN_STORE_NAME, dedupeBySans(TLS_ACME_ALPN_STORE_NAME, byStore.get(TLS_ACME_ALPN_STORE_NAME)!), undefined),
    issues,
  };
}

/**
 * Traefik's `getDefaultCertificate`: `defaultCertificate`, else the resolver's certificate for
 * `defaultGeneratedCert.domain` once it is in the store, else the generated one. A broken
 * `defaultCertificate` falls back to the generated certificate with an error (Traefik leaves the
 * store without a default).
 */
function defaultCertificate(
  store: TlsStoreConfig | undefined,
  ordered: LoadedCertificate[],
  o: CompileCertificatesOptions,
  entries: CertificateEntry[],
  issues: TlsIssue[],
): LoadedCertificate {
  if (store?.defaultCertificate) {
    const configured = loadCertificate(store.defaultCertificate, o.now);
    entries.push({ certificate: configured, origin: 'defaultCertificate', stores: [TLS_DEFAULT_STORE_NAME] });
    if (configured.usable) return configured;
    const why = configured.issues.map((i) => i.message).join('; ');
    issues.push(tlsError(TLS_DEFAULT_CERT, `the default certificate of store "default" is not usable (${why}): serving the generated one`));
  } else if (store?.defaultGeneratedCert?.resolver) {
    const domain = store.defaultGeneratedCert.domain;
    const domains = [domain?.main, ...(domain?.sans ?? [])].filter((d): d is string => Boolean(d)).map((d) => d.trim().toLowerCase().replace(/\.+$/, ''));
    const found = domains.length > 0 ? ordered.find((c) => domains.every((d) => c.names.includes(d))) : undefined;
    if (found) return found;
    issues.push(tlsWarning(TLS_DEFAULT_CERT, domains.length === 0
      ? 'defaultGeneratedCert has no domain: serving the generated certificate'
      : `no certificate from resolver "${store.defaultGeneratedCert.resolver}" for ${domains.join(',')} yet: serving the generated certificate`));
  }
  const generated = loadCertificate({ certFile: o.generated.certPem, keyFile: o.generated.keyPem }, o.now);
  entries.push({ certificate: generated, origin: 'generated', stores: [TLS_DEFAULT_STORE_NAME] });
  return generated;
}
