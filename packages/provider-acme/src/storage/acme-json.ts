/**
 * Traefik's `acme.json` (`pkg/provider/acme/store.go` `StoredData`, `account.go`, `CertAndStore`):
 * `{ "<resolver>": { "Account": {...}, "Certificates": [{domain, certificate, key, Store}] } }`,
 * certificate and key as base64 of the PEM. Parsing is strict and never throws: a bad file or a
 * bad entry becomes an issue, the rest is kept.
 */

export interface AcmeAccount {
  Email: string;
  Registration: { uri: string; body?: unknown } | null;
  /** base64 of the account key (PKCS#8 DER in Traefik; wharf writes base64 of PEM and reads both) */
  PrivateKey: string;
  KeyType: string;
}

export interface AcmeDomain {
  main: string;
  sans?: string[];
}

export interface AcmeStoredCertificate {
  domain: AcmeDomain;
  /** base64 of the PEM chain */
  certificate: string;
  /** base64 of the PEM key */
  key: string;
  Store: string;
}

export interface AcmeResolverData {
  Account: AcmeAccount | null;
  Certificates: AcmeStoredCertificate[] | null;
}

export type AcmeJson = Record<string, AcmeResolverData>;

export interface ParsedAcmeJson {
  data: AcmeJson;
  issues: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

function parseAccount(v: unknown, where: string, issues: string[]): AcmeAccount | null {
  if (v === null || v === undefined) return null;
  if (!isObject(v) || typeof v.PrivateKey !== 'string' || typeof v.Email !== 'string') {
    issues.push(`${where}.Account: expected {Email, Registration, PrivateKey, KeyType}; ignored`);
    return null;
  }
  const reg = v.Registration;
  const registration = isObject(reg) && typeof reg.uri === 'string' ? { uri: reg.uri, body: reg.body } : null;
  return { Email: v.Email, Registration: registration, PrivateKey: v.PrivateKey, KeyType: typeof v.KeyType === 'string' ? v.KeyType : '' };
}

function parseCertificate(v: unknown, where: string, issues: string[]): AcmeStoredCertificate | undefined {
  if (!isObject(v) || !isObject(v.domain) || typeof v.domain.main !== 'string' || typeof v.certificate !== 'string' || typeof v.key !== 'string') {
    issues.push(`${where}: expected {domain: {main, sans}, certificate, key, Store}; ignored`);
    return undefined;
  }
  const sans = v.domain.sans;
  if (sans !== undefined && sans !== null && !isStringArray(sans)) {
    issues.push(`${where}.domain.sans: expected a list of names; ignored`);
    return undefined;
  }
  const domain: AcmeDomain = { main: v.domain.main, ...(sans ? { sans } : {}) };
  return { domain, certificate: v.certificate, key: v.key, Store: typeof v.Store === 'string' ? v.Store : 'default' };
}

/** Parse the text of an `acme.json`; an empty file is an empty store (Traefik creates it so). */
export function parseAcmeJson(text: string): ParsedAcmeJson {
  const issues: string[] = [];
  const data: AcmeJson = {};
  if (text.trim() === '') return { data, issues };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { data, issues: [`not JSON: ${(err as Error).message}`] };
  }
  if (!isObject(raw)) return { data, issues: ['expected an object of resolvers'] };
  for (const [resolver, value] of Object.entries(raw)) {
    if (!isObject(value)) {
      issues.push(`${resolver}: expected {Account, Certificates}; ignored`);
      continue;
    }
    const certs = value.Certificates;
    let certificates: AcmeStoredCertificate[] | null = null;
    if (Array.isArray(certs)) {
      certificates = certs.flatMap((c, i) => parseCertificate(c, `${resolver}.Certificates[${i}]`, issues) ?? []);
    } else if (certs !== null && certs !== undefined) {
      issues.push(`${resolver}.Certificates: expected a list; ignored`);
    }
    data[resolver] = { Account: parseAccount(value.Account, resolver, issues), Certificates: certificates };
  }
  return { data, issues };
}

export const encodePem = (pem: string): string => Buffer.from(pem, 'utf8').toString('base64');

/** Decode a stored base64 PEM; Traefik's account key is base64 DER, returned as PKCS#8 PEM. */
export function decodePem(value: string, label = 'PRIVATE KEY'): string {
  const text = Buffer.from(value, 'base64').toString('utf8');
  if (text.includes('-----BEGIN')) return text;
  const body = Buffer.from(value, 'base64').toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${body.trimEnd()}\n-----END ${label}-----\n`;
}
