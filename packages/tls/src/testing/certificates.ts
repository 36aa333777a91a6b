import { randomBytes, webcrypto } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { toPem } from '../certificates/pem.js';

/** Test certificates made by the tests (a CA, leaves it signs, any dates, DNS and IP SANs). */
export interface TestPair {
  certPem: string;
  keyPem: string;
}

export interface TestCa extends TestPair {
  cert: x509.X509Certificate;
  keys: webcrypto.CryptoKeyPair;
}

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const RSA = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' } as const;
const DAY = 24 * 3600 * 1000;

async function keyPair(rsa: boolean): Promise<webcrypto.CryptoKeyPair> {
  x509.cryptoProvider.set(webcrypto as never);
  return (await webcrypto.subtle.generateKey(rsa ? RSA : EC, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
}

async function keyPem(keys: webcrypto.CryptoKeyPair): Promise<string> {
  return toPem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
}

export async function makeCa(cn = 'Wharf Test CA'): Promise<TestCa> {
  const keys = await keyPair(false);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: `CN=${cn}, O=Wharf Tests`,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 365 * DAY),
    keys,
    signingAlgorithm: EC,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)],
  });
  return { cert, keys, certPem: cert.toString('pem'), keyPem: await keyPem(keys) };
}

export interface LeafOptions {
  cn?: string;
  dns?: string[];
  ips?: string[];
  notBefore?: Date;
  notAfter?: Date;
  rsa?: boolean;
  /** a client certificate (clientAuth EKU) rather than a server one */
  client?: boolean;
}

export async function makeLeaf(ca: TestCa, o: LeafOptions = {}): Promise<TestPair> {
  const keys = await keyPair(o.rsa ?? false);
  const names = [...(o.dns ?? []).map((value) => ({ type: 'dns' as const, value })), ...(o.ips ?? []).map((value) => ({ type: 'ip' as const, value }))];
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: `7${randomBytes(8).toString('hex')}`,
    subject: `CN=${o.cn ?? o.dns?.[0] ?? 'leaf'}`,
    issuer: ca.cert.subject,
    notBefore: o.notBefore ?? new Date(Date.now() - DAY),
    notAfter: o.notAfter ?? new Date(Date.now() + 90 * DAY),
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: EC,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.ExtendedKeyUsageExtension([o.client ? x509.ExtendedKeyUsage.clientAuth : x509.ExtendedKeyUsage.serverAuth]),
      ...(names.length ? [new x509.SubjectAlternativeNameExtension(names)] : []),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await keyPem(keys) };
}

/** Writes files into a fresh temporary directory; returns their paths by name. */
export function writeTemp(files: Record<string, string>): Record<string, string> & { dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-tls-'));
  const out: Record<string, string> = { dir };
  for (const [name, content] of Object.entries(files)) {
    out[name] = join(dir, name);
    writeFileSync(out[name]!, content);
  }
  return out as Record<string, string> & { dir: string };
}
