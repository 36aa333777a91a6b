import { createSecureContext, type SecureContext, type TlsOptions } from 'node:tls';
import { ACME_TLS_ALPN_PROTOCOL, TLS_DEFAULT_OPTIONS_NAME, isWharfError, type TlsConfiguration, type WharfError } from '@wharf/config';
import type { GeneratedCertificate } from './certificates/default-certificate.js';
import type { LoadedCertificate } from './certificates/load-certificate.js';
import { TlsErrors, type TlsIssue } from './errors.js';
import { compileTlsOptions, type CompiledTlsOptions } from './options/compile-options.js';
import { compileCertificates, type CompiledCertificates } from './store/compile-certificates.js';
import { selectionName } from './store/server-name.js';

/** A certificate chosen for a handshake, or why the handshake is refused. */
export type CertificateChoice = { certificate: LoadedCertificate } | { refused: WharfError };

/** Node's `SNICallback` shape, plus the local address Traefik falls back to without SNI. */
export type SecureContextLookup = (serverName: string | undefined, localAddress?: string, alpn?: readonly string[]) => SecureContext | WharfError;

/**
 * Everything TLS of one generation, immutable once built (SecureContexts are built lazily, once
 * per (certificate, option set) pair, and cached until the generation is dropped).
 */
export interface TlsGeneration {
  readonly certificates: CompiledCertificates;
  /** every option set by (qualified) name; `default` is always present */
  readonly options: ReadonlyMap<string, CompiledTlsOptions>;
  /** the certificate for a handshake (Traefik's `GetCertificate` in `tlsmanager.go`) */
  selectCertificate(options: CompiledTlsOptions, serverName: string | undefined, localAddress?: string, alpn?: readonly string[]): CertificateChoice;
  /** the SecureContext serving `certificate` with `options` (cached) */
  secureContext(certificate: LoadedCertificate, options: CompiledTlsOptions): SecureContext | WharfError;
  /** SNI → SecureContext for one option set; a broken or unknown set refuses everything */
  lookup(optionsName: string): SecureContextLookup;
  /**
   * Options for `tls.createServer` / `http2.createSecureServer` (a server that does not listen:
   * hand it peeked sockets with `server.emit('connection', socket)`). Without SNI the handshake
   * uses the certificate for `localAddress` (Traefik matches the local IP), else the default one;
   * with `sniStrict` and no such certificate, a handshake without SNI fails.
   * Call `checkClientCertificate` on `secureConnection` for the client auth Node cannot express.
   * Also the options of a server-side `TLSSocket` (TCP routers terminating TLS): it takes the
   * cached `secureContext` of the initial certificate, so a connection builds no context.
   */
  serverOptions(optionsName: string, localAddress?: string): TlsOptions;
  /**
   * Options for a `tls.Server` that serves one certificate chosen before the handshake (from a
   * peeked ClientHello, with `selectCertificate`): no `SNICallback`, so OpenSSL never pauses the
   * handshake to ask JS and switch contexts.
   * Without a certificate (refused: sniStrict, broken set) every handshake fails with an alert.
   */
  certificateServerOptions(optionsName: string, certificate: LoadedCertificate | undefined): TlsOptions;
}

export interface CompileTlsOptions {
  /** the certificate generated once at start-up (`generateDefaultCertificate`) */
  generated: GeneratedCertificate;
  now?: number;
}

/** Compiles the merged `tls` section for one generation. Never throws. */
export function compileTls(tls: TlsConfiguration | undefined, o: CompileTlsOptions): TlsGeneration {
  const certificates = compileCertificates(tls, { generated: o.generated, now: o.now ?? Date.now() });
  const options = new Map<string, CompiledTlsOptions>();
  for (const [name, config] of Object.entries(tls?.options ?? {})) options.set(name, compileTlsOptions(name, config));
  if (!options.has(TLS_DEFAULT_OPTIONS_NAME)) options.set(TLS_DEFAULT_OPTIONS_NAME, compileTlsOptions(TLS_DEFAULT_OPTIONS_NAME, {}));
  const contexts = new Map<string, SecureContext | WharfError>();

  const selectCertificate: TlsGeneration['selectCertificate'] = (set, serverName, localAddress, alpn) => {
    if (alpn?.includes(ACME_TLS_ALPN_PROTOCOL)) {
      const challenge = certificates.acmeStore.match(serverName, localAddress);
      return challenge ? { certificate: challenge } : { refused: TlsErrors.noChallengeCertificate(selectionName(serverName, localAddress)) };
    }
    const found = certificates.store.match(serverName, localAddress);
    if (found) return { certificate: found };
    if (set.sniStrict) return { refused: TlsErrors.sniStrict(selectionName(serverName, localAddress)) };
    return { certificate: certificates.store.defaultCertificate! };
  };

  const secureContext: TlsGeneration['secureContext'] = (certificate, set) => {
    const key = `${certificate.id}\u0000${set.name}`;
    let context = contexts.get(key);
    if (context === undefined) {
      try {
        context = createSecureContext({ ...set.context, cert: certificate.certPem, key: certificate.keyPem });
      } catch (err) {
        context = TlsErrors.contextFailed(certificate.source.certFile, set.name, (err as Error).message);
      }
      contexts.set(key, context);
    }
    return context;
  };

  const lookup: TlsGeneration['lookup'] = (optionsName) => {
    const set = options.get(optionsName);
    return (serverName, localAddress, alpn) => {
      if (set === undefined || set.broken) return TlsErrors.brokenOptions(optionsName);
      const choice = selectCertificate(set, serverName, localAddress, alpn);
      return 'refused' in choice ? choice.refused : secureContext(choice.certificate, set);
    };
  };

  const certificateServerOptions: TlsGeneration['certificateServerOptions'] = (optionsName, certificate) => {
    const set = options.get(optionsName);
    // tls.Server builds its own default context from these fields (it ignores `secureContext`);
    // a broken set gets no certificate at all, so every handshake fails with an alert
    const usable = set !== undefined && !set.broken;
    return {
      ...(usable ? set.context : {}),
      ...(usable && certificate ? { cert: certificate.certPem, key: certificate.keyPem } : {}),
      ...(set && set.alpnProtocols.length > 0 ? { ALPNProtocols: [...set.alpnProtocols] } : {}),
      requestCert: set?.requestCert ?? false,
      rejectUnauthorized: set?.rejectUnauthorized ?? false,
    };
  };

  const serverOptions: TlsGeneration['serverOptions'] = (optionsName, localAddress) => {
    const set = options.get(optionsName);
    const find = lookup(optionsName);
    const initial = set && !set.broken ? selectCertificate(set, '', localAddress) : undefined;
    const certificate = initial && 'certificate' in initial ? initial.certificate : undefined;
    // a TLSSocket given these options (TCP routers) uses the cached context instead of building one
    // from cert/key on every connection; tls.Server ignores it and builds its own once
    const context = set && certificate ? secureContext(certificate, set) : undefined;
    return {
      ...certificateServerOptions(optionsName, certificate),
      ...(context !== undefined && !isWharfError(context) ? { secureContext: context } : {}),
      SNICallback: (serverName, done) => {
        const context = find(serverName);
        if (isWharfError(context)) done(context);
        else done(null, context);
      },
    };
  };

  return Object.freeze({ certificates, options, selectCertificate, secureContext, lookup, serverOptions, certificateServerOptions });
}

/** Every issue of the generation's TLS part, for diagnostics (certificates, stores, options). */
export function tlsIssues(generation: TlsGeneration): Array<TlsIssue & { element: string }> {
  const out: Array<TlsIssue & { element: string }> = [];
  for (const entry of generation.certificates.entries) for (const i of entry.certificate.issues) out.push({ ...i, element: `certificate ${entry.certificate.source.certFile}` });
  for (const i of generation.certificates.issues) out.push({ ...i, element: 'store default' });
  for (const set of generation.options.values()) for (const i of set.issues) out.push({ ...i, element: `options ${set.name}` });
  return out;
}
