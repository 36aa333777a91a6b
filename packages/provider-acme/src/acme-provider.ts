import { X509Certificate } from 'node:crypto';
import { TLS_ACME_ALPN_STORE_NAME, type Diagnostic, type EmitSnapshot, type Provider, type TlsCertificateConfig } from '@wharf/config';
import type { AcmeResolverOptions } from './options.js';
import { decodePem, encodePem, type AcmeDomain, type AcmeStoredCertificate } from './storage/acme-json.js';
import { loadStorage, saveResolver } from './storage/storage-file.js';
import { domainKey, type WantedDomain } from './domains/domains-wanted.js';
import { needsRenewal, renewBeforeMs, retryDelayMs } from './obtain/renewal.js';
import { AcmeSession } from './obtain/acme-session.js';
import type { HttpChallengeStore, TlsAlpnChallenges } from './obtain/challenges.js';
import { AcmeOrderError } from './errors.js';

export interface AcmeProviderOptions {
  /** the resolver name (`certificatesResolvers.<name>`), also the provider name */
  name: string;
  options: AcmeResolverOptions;
  /** the domain sets routers ask this resolver for, read from the current generation */
  domainsWanted: () => WantedDomain[];
  httpChallenges?: HttpChallengeStore;
  tlsAlpnChallenges?: TlsAlpnChallenges;
  /** how often wanted domains and expiry are checked; default from `certificatesDuration`, at most 2 s so new routers get certificates soon (a round without work is cheap) */
  checkIntervalMs?: number;
  /**
   * TLS-ALPN-01 without an injected `tlsAlpnChallenges`: the challenge certificates go out in the
   * snapshot (`tls.certificates` with `stores: ['acme-tls/1']`, the store `@wharf/tls` serves to
   * clients offering `acme-tls/1`); the CA is told to validate this long after (the aggregator's
   * throttle must have applied it). Default 2500 ms.
   */
  challengePublishDelayMs?: number;
  /** delay before retrying after `failures` consecutive failures; default 10 s doubling, capped at 1 h */
  retryDelayMs?: (failures: number) => number;
  now?: () => Date;
}

interface Failure { failures: number; nextAt: number; error: Error; routers: string[] }

const validity = (pem: string): { notBefore: Date; notAfter: Date } | undefined => {
  try {
    const cert = new X509Certificate(pem);
    return { notBefore: new Date(cert.validFrom), notAfter: new Date(cert.validTo) };
  } catch {
    return undefined;
  }
};

/**
 * Traefik's ACME resolver as a provider: its snapshot's `tls.certificates` hold every obtained
 * certificate (inline PEM), so the certificate store picks them by SNI like any other. Stored
 * certificates are served at once (no new order after a restart); missing or near-expiry ones
 * are ordered in the background, failures are retried with backoff and reported as diagnostics.
 */
export function createAcmeProvider(opts: AcmeProviderOptions): Provider {
  const now = opts.now ?? (() => new Date());
  return {
    name: opts.name,
    async start(emit: EmitSnapshot, signal: AbortSignal) {
      const file = opts.options.storage;
      const loaded = await loadStorage(file);
      const entry = loaded.data[opts.name];
      let certificates: AcmeStoredCertificate[] = [...(entry?.Certificates ?? [])];
      const alpn = new Map<string, TlsCertificateConfig>();
      const tlsAlpnChallenges: TlsAlpnChallenges | undefined = opts.tlsAlpnChallenges ?? (opts.options.tlsChallenge ? {
        set: async (domain, certFile, keyFile) => {
          alpn.set(domain, { certFile, keyFile, stores: [TLS_ACME_ALPN_STORE_NAME] });
          publish();
          await new Promise((r) => setTimeout(r, opts.challengePublishDelayMs ?? 2500));
        },
        delete: (domain) => { alpn.delete(domain); },
      } : undefined);
      const session = new AcmeSession({ ...opts, ...(tlsAlpnChallenges ? { tlsAlpnChallenges } : {}) }, entry?.Account ?? null);
      const failures = new Map<string, Failure>();
      const storageIssues: Diagnostic[] = loaded.issues.map((e) => diagnostic(opts.name, file, e));

      const publish = () => {
        const tlsCertificates: TlsCertificateConfig[] = certificates.map((c) => ({ certFile: decodePem(c.certificate, 'CERTIFICATE'), keyFile: decodePem(c.key) }));
        const orderIssues = [...failures.values()].flatMap((f) => orderDiagnostics(opts.name, f));
        emit({ config: { http: { routers: {}, services: {}, middlewares: {} }, tls: { certificates: [...tlsCertificates, ...alpn.values()] } }, diagnostics: [...storageIssues, ...orderIssues] });
      };
      publish();

      const round = async () => {
        const wanted = opts.domainsWanted();
        // a failure for a domain set no router asks for any more is no longer anyone's problem
        const stale = [...failures.keys()].filter((k) => !wanted.some((w) => domainKey(w) === k));
        for (const key of stale) failures.delete(key);
        if (stale.length > 0) publish();
        for (const wantedDomain of wanted) {
          const domain: AcmeDomain = { main: wantedDomain.main, ...(wantedDomain.sans ? { sans: wantedDomain.sans } : {}) };
          if (signal.aborted) return;
          const key = domainKey(domain);
          const held = certificates.find((c) => domainKey(c.domain) === key);
          const v = held && validity(decodePem(held.certificate, 'CERTIFICATE'));
          if (v && !needsRenewal(v.notBefore, v.notAfter, now(), opts.options.certificatesDuration)) continue;
          const failure = failures.get(key);
          if (failure && failure.nextAt > now().getTime()) continue;
          try {
            const got = await session.obtain(domain);
            const stored: AcmeStoredCertificate = { domain, certificate: encodePem(got.certificatePem), key: encodePem(got.keyPem), Store: 'default' };
            certificates = [...certificates.filter((c) => domainKey(c.domain) !== key), stored];
            failures.delete(key);
            await saveResolver(file, opts.name, { Account: session.account ?? null, Certificates: certificates });
          } catch (err) {
            const n = (failure?.failures ?? 0) + 1;
            const error = AcmeOrderError.withCause(err, opts.name, key, err instanceof Error ? err.message : String(err));
            failures.set(key, { failures: n, nextAt: now().getTime() + (opts.retryDelayMs ?? retryDelayMs)(n), error, routers: wantedDomain.routers ?? [] });
          }
          publish();
        }
      };

      const interval = opts.checkIntervalMs ?? Math.min(renewBeforeMs(opts.options.certificatesDuration).checkEvery, 2_000);
      while (!signal.aborted) {
        await round();
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, interval);
          signal.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
        });
      }
    },
  };
}

/**
 * A failed order, once per router asking for the domains: the diagnostic names the router
 * (qualified, it belongs to another provider), so the runtime shows it in that router's `error`.
 */
function orderDiagnostics(provider: string, f: Failure): Diagnostic[] {
  const d = diagnostic(provider, `resolver ${provider}`, f.error);
  return f.routers.length === 0 ? [d] : f.routers.map((name) => ({ ...d, element: { kind: 'router', name } }));
}

function diagnostic(provider: string, source: string, err: Error): Diagnostic {
  const code = (err as { code?: string }).code ?? 'WHARF_ACME_ORDER';
  return { provider, source, code, severity: 'error', message: err.message };
}
