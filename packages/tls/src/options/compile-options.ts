import { constants, createHash } from 'node:crypto';
import { createSecureContext, DEFAULT_CIPHERS, getCiphers, type SecureContextOptions } from 'node:tls';
import {
  DEFAULT_TLS_ALPN_PROTOCOLS,
  DEFAULT_TLS_MIN_VERSION,
  suggest,
  type TlsClientAuthType,
  type TlsOptionsConfig,
} from '@wharf/config';
import {
  TLS_OPTIONS_DEPRECATED,
  TLS_OPTIONS_INVALID,
  TLS_OPTIONS_UNKNOWN_NAME,
  tlsError,
  tlsWarning,
  type TlsIssue,
} from '../errors.js';
import { loadClientCas } from './client-ca.js';
import { GO_CHOICE_SECURE_OPTIONS, GO_DEFAULT_TLS12_SUITES, GO_TLS13_SUITES, inGoPreferenceOrder } from './go-cipher-order.js';
import { CIPHER_SUITES, CLIENT_AUTH_TYPES, CURVES, IGNORED_CIPHER_SUITES, TLS_VERSIONS, VERSION_ORDER } from './go-names.js';

/** One option set, compiled for Node (immutable; shared by every certificate it serves). */
export interface CompiledTlsOptions {
  /** qualified name (`default`, `modern@file`) */
  readonly name: string;
  readonly issues: readonly TlsIssue[];
  /** an error in the set: routers naming it are disabled, its connections closed (as Traefik) */
  readonly broken: boolean;
  readonly sniStrict: boolean;
  readonly alpnProtocols: readonly string[];
  readonly clientAuthType: TlsClientAuthType;
  /** Node server options reproducing Go's client auth (see `checkClientCertificate`) */
  readonly requestCert: boolean;
  readonly rejectUnauthorized: boolean;
  /** `tls.createSecureContext` options, without `cert`/`key` */
  readonly context: Readonly<SecureContextOptions>;
}

const AVAILABLE = new Set(getCiphers().map((c) => c.toLowerCase()));
/** TLS 1.3 suites in Go's order, those this OpenSSL has (it has all three unless built without) */
const TLS13_SUITES = GO_TLS13_SUITES.filter((c) => DEFAULT_CIPHERS.includes(c)).join(':');
const DEFAULT_TLS12_SUITES = GO_DEFAULT_TLS12_SUITES.filter((c) => AVAILABLE.has(c.toLowerCase())).join(':');

/** Go names → Node options, every name checked; never throws. */
export function compileTlsOptions(name: string, config: TlsOptionsConfig = {}): CompiledTlsOptions {
  const issues: TlsIssue[] = [];
  const context: SecureContextOptions = { sessionIdContext: createHash('sha256').update(`wharf:${name}`).digest('hex').slice(0, 32) };
  const minVersion = version(name, 'minVersion', config.minVersion ?? DEFAULT_TLS_MIN_VERSION, issues);
  const maxVersion = config.maxVersion === undefined ? undefined : version(name, 'maxVersion', config.maxVersion, issues);
  if (minVersion && maxVersion && VERSION_ORDER.indexOf(minVersion) > VERSION_ORDER.indexOf(maxVersion)) {
    issues.push(tlsError(TLS_OPTIONS_INVALID, `TLS options "${name}": minVersion ${config.minVersion} is above maxVersion ${config.maxVersion}`));
  }
  if (minVersion) context.minVersion = minVersion;
  if (maxVersion) context.maxVersion = maxVersion;
  const ciphers = cipherList(name, config.cipherSuites, issues);
  if (ciphers === '') context.minVersion = 'TLSv1.3';
  // OpenSSL 3 refuses TLS 1.0/1.1 at its default security level; Go serves them when asked to
  const legacy = minVersion === 'TLSv1' || minVersion === 'TLSv1.1';
  // Go's suites in Go's order, chosen by the server's preference (go-cipher-order.ts)
  const parts = [ciphers ?? DEFAULT_TLS12_SUITES, TLS13_SUITES];
  if (legacy) parts.push('@SECLEVEL=0');
  context.ciphers = parts.filter(Boolean).join(':');
  const curves = curveList(name, config.curvePreferences, issues);
  if (curves) context.ecdhCurve = curves;
  context.secureOptions = GO_CHOICE_SECURE_OPTIONS | (config.disableSessionTickets ? constants.SSL_OP_NO_TICKET : 0);
  if (config.preferServerCipherSuites !== undefined) {
    issues.push(tlsWarning(TLS_OPTIONS_DEPRECATED, `TLS options "${name}" use preferServerCipherSuites, which is deprecated and ineffective: remove it`));
  }
  const clientAuth = clientAuthOf(name, config, issues);
  if (clientAuth.ca.length > 0) context.ca = clientAuth.ca;
  const alpnProtocols = alpnOf(name, config.alpnProtocols, issues);
  checkWithOpenSsl(name, context, issues);
  return Object.freeze({
    name,
    issues: Object.freeze(issues),
    broken: issues.some((i) => i.severity === 'error'),
    sniStrict: config.sniStrict === true,
    alpnProtocols,
    clientAuthType: clientAuth.type,
    requestCert: clientAuth.type !== 'NoClientCert',
    rejectUnauthorized: clientAuth.type === 'RequireAndVerifyClientCert',
    context: Object.freeze(context),
  });
}

function unknownName(name: string, key: string, value: string, known: readonly string[]): TlsIssue {
  const guess = suggest(value, known);
  return tlsError(TLS_OPTIONS_UNKNOWN_NAME, `TLS options "${name}": unknown ${key} "${value}"${guess ? `: did you mean "${guess}"?` : ` (expected one of ${known.join(', ')})`}`);
}

function version(name: string, key: string, value: string, issues: TlsIssue[]): (typeof VERSION_ORDER)[number] | undefined {
  const mapped = TLS_VERSIONS[value];
  if (mapped === undefined) issues.push(unknownName(name, key, value, Object.keys(TLS_VERSIONS)));
  return mapped;
}

/** undefined: Node's default list; '' : no TLS 1.2 suite at all (only TLS 1.3 ones were listed). */
function cipherList(name: string, suites: readonly string[] | undefined, issues: TlsIssue[]): string | undefined {
  if (suites === undefined) return undefined;
  const mapped: string[] = [];
  for (const suite of suites) {
    if (IGNORED_CIPHER_SUITES.has(suite)) continue;
    const openssl = CIPHER_SUITES[suite];
    if (openssl === undefined) {
      issues.push(unknownName(name, 'cipher suite', suite, [...Object.keys(CIPHER_SUITES), ...IGNORED_CIPHER_SUITES]));
    } else if (!AVAILABLE.has(openssl.toLowerCase())) {
      issues.push(tlsError(TLS_OPTIONS_INVALID, `TLS options "${name}": cipher suite ${suite} is not available in this OpenSSL (${process.versions.openssl})`));
    } else if (!mapped.includes(openssl)) {
      mapped.push(openssl);
    }
  }
  return inGoPreferenceOrder(mapped).join(':');
}

function curveList(name: string, curves: readonly string[] | undefined, issues: TlsIssue[]): string | undefined {
  if (curves === undefined || curves.length === 0) return undefined;
  const mapped: string[] = [];
  for (const curve of curves) {
    const group = CURVES[curve];
    if (group === undefined) {
      issues.push(unknownName(name, 'curve', curve, Object.keys(CURVES)));
    } else if (!curveAvailable(group)) {
      issues.push(tlsError(TLS_OPTIONS_INVALID, `TLS options "${name}": curve ${curve} is not available in this OpenSSL (${process.versions.openssl})`));
    } else if (!mapped.includes(group)) {
      mapped.push(group);
    }
  }
  return mapped.join(':') || undefined;
}

const curveCache = new Map<string, boolean>();
function curveAvailable(group: string): boolean {
  let ok = curveCache.get(group);
  if (ok === undefined) {
    try {
      createSecureContext({ ecdhCurve: group });
      ok = true;
    } catch {
      ok = false;
    }
    curveCache.set(group, ok);
  }
  return ok;
}

function clientAuthOf(name: string, config: TlsOptionsConfig, issues: TlsIssue[]): { type: TlsClientAuthType; ca: string[] } {
  const caFiles = config.clientAuth?.caFiles ?? [];
  const ca = loadClientCas(name, caFiles, issues);
  const written = config.clientAuth?.clientAuthType;
  if (written === undefined || written === '') return { type: caFiles.length > 0 ? 'RequireAndVerifyClientCert' : 'NoClientCert', ca };
  const type = CLIENT_AUTH_TYPES.find((t) => t === written);
  if (type === undefined) {
    issues.push(unknownName(name, 'clientAuthType', written, CLIENT_AUTH_TYPES));
    return { type: 'RequireAndVerifyClientCert', ca };
  }
  if (caFiles.length === 0 && (type === 'VerifyClientCertIfGiven' || type === 'RequireAndVerifyClientCert')) {
    issues.push(tlsError(TLS_OPTIONS_INVALID, `TLS options "${name}": clientAuthType ${type} requires clientAuth.caFiles`));
  }
  return { type, ca };
}

function alpnOf(name: string, protocols: readonly string[] | undefined, issues: TlsIssue[]): readonly string[] {
  const list = protocols ?? DEFAULT_TLS_ALPN_PROTOCOLS;
  for (const protocol of list) {
    const length = Buffer.byteLength(protocol);
    if (length === 0 || length > 255) issues.push(tlsError(TLS_OPTIONS_INVALID, `TLS options "${name}": ALPN protocol "${protocol}" must be 1 to 255 bytes`));
  }
  return Object.freeze([...list]);
}

/** What OpenSSL itself refuses (a cipher list it cannot use, a version pair it rejects). */
function checkWithOpenSsl(name: string, context: SecureContextOptions, issues: TlsIssue[]): void {
  if (issues.some((i) => i.severity === 'error')) return;
  try {
    createSecureContext(context);
  } catch (err) {
    issues.push(tlsError(TLS_OPTIONS_INVALID, `TLS options "${name}": OpenSSL refuses them: ${(err as Error).message}`));
  }
}
