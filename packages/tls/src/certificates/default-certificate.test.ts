import { execFileSync } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTemp } from '../testing/certificates.js';
import { describeCertificate } from './certificate-info.js';
import { DEFAULT_CERT_COMMON_NAME, generateDefaultCertificate, positiveSerial, type GeneratedKeyType } from './default-certificate.js';

const YEAR_MS = 365 * 24 * 3600 * 1000;

/** `openssl x509 -text` of a PEM certificate (the reference reader), or undefined without openssl. */
function opensslText(certPem: string): string | undefined {
  const dir = writeTemp({ 'c.pem': certPem }).dir;
  try {
    return execFileSync('openssl', ['x509', '-noout', '-text', '-in', join(dir, 'c.pem')], { encoding: 'utf8' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || process.env.CI === 'true') throw err;
    console.warn('skipped the openssl check: openssl CLI not found');
    return undefined;
  }
}

describe.each<[GeneratedKeyType, string, string]>([
  ['ecdsa-p256', 'ECDSA', 'ECDSA-SHA256'],
  ['rsa-2048', 'RSA', 'SHA256-RSA'],
])('generateDefaultCertificate(%s)', (keyType, keyName, signatureAlgorithm) => {
  it("is Traefik's TRAEFIK DEFAULT CERT: self-signed, one random .traefik.default SAN, a year, server auth", async () => {
    const now = Date.parse('2026-03-01T12:34:56.789Z');
    const { certPem, keyPem } = await generateDefaultCertificate(keyType, now);
    const cert = new X509Certificate(certPem);
    expect(cert.checkPrivateKey(createPrivateKey(keyPem))).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.subject).toBe(`CN=${DEFAULT_CERT_COMMON_NAME}`);
    expect(cert.subjectAltName).toMatch(/^DNS:[0-9a-f]{32}\.[0-9a-f]{32}\.traefik\.default$/);
    expect(cert.ca).toBe(false);
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    const info = describeCertificate(cert);
    expect(info).toMatchObject({ commonName: DEFAULT_CERT_COMMON_NAME, issuerCN: DEFAULT_CERT_COMMON_NAME, keyType: keyName, signatureAlgorithm, version: 'v3' });
    expect(info.notBefore).toBe('2026-03-01T12:34:56.000Z');
    expect(Date.parse(info.notAfter) - Date.parse(info.notBefore)).toBe(YEAR_MS);
    expect(BigInt(info.serialNumber)).toBeGreaterThan(0n);

    const text = opensslText(certPem);
    if (text === undefined) return;
    expect(text).toContain('Version: 3 (0x2)');
    expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE/);
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Key Encipherment, Key Agreement/);
    expect(text).toMatch(/X509v3 Extended Key Usage:\s+TLS Web Server Authentication/);
    expect(text).toContain('Not Before: Mar  1 12:34:56 2026 GMT');
    expect(text).toContain('Not After : Mar  1 12:34:56 2027 GMT');
  });

  it('differs on every start (key, serial, SAN)', async () => {
    const [a, b] = [await generateDefaultCertificate(keyType), await generateDefaultCertificate(keyType)];
    const [x, y] = [new X509Certificate(a.certPem), new X509Certificate(b.certPem)];
    expect(x.serialNumber).not.toBe(y.serialNumber);
    expect(x.subjectAltName).not.toBe(y.subjectAltName);
    expect(a.keyPem).not.toBe(b.keyPem);
  });
});

it('writes a minimal positive serial whatever the random bytes (a zero first byte was "illegal padding" 1 start in 256)', async () => {
  for (const first of [0x00, 0x01, 0x7f, 0x80, 0xff]) {
    const serial = positiveSerial(Buffer.from([first, 0x00, ...Array.from({ length: 14 }, () => 0x11)]));
    expect(serial.length).toBe(16);
    expect(serial[0]! & 0x80).toBe(0);
    expect(serial[0]).not.toBe(0);
  }
  // the failing case before: a first byte of 0 followed by a byte below 0x80
  const certificates = await Promise.all(Array.from({ length: 64 }, () => generateDefaultCertificate('ecdsa-p256')));
  for (const c of certificates) expect(() => new X509Certificate(c.certPem)).not.toThrow();
});

it('writes GeneralizedTime for dates from 2050 (RFC 5280), which the reader reads back', async () => {
  const { certPem } = await generateDefaultCertificate('ecdsa-p256', Date.parse('2049-06-01T00:00:00Z'));
  const info = describeCertificate(new X509Certificate(certPem));
  expect(info.notBefore).toBe('2049-06-01T00:00:00.000Z');
  expect(info.notAfter).toBe('2050-06-01T00:00:00.000Z');
});
