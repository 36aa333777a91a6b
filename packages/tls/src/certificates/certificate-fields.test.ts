import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTemp } from '../testing/certificates.js';
import { describeCertificate } from './certificate-info.js';
import { derChildren, derEncodeOid, derOid, derString, DER } from './der.js';

describe('wharf DER reading', () => {
  it('reads an openssl RSASSA-PSS certificate: UTF-8 names, IPv6 and IPv4-mapped SANs, the PSS hash', () => {
    const dir = writeTemp({}).dir;
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa-pss', '-pkeyopt', 'rsa_keygen_bits:2048', '-sha384', '-sigopt', 'rsa_padding_mode:pss', '-nodes',
        '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'), '-days', '3', '-utf8', '-subj', '/CN=Zürich €/O=Ørg/C=CH',
        '-addext', 'subjectAltName=DNS:pss.test,IP:2001:db8::1,IP:::ffff:10.1.2.3'], { stdio: 'ignore' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || process.env.CI === 'true') throw err;
      console.warn('skipped: openssl CLI not found');
      return;
    }
    const info = describeCertificate(new X509Certificate(readFileSync(join(dir, 'c.pem'))));
    expect(info).toMatchObject({
      commonName: 'Zürich €', organization: 'Ørg', country: 'CH', issuerCN: 'Zürich €', issuerOrg: 'Ørg', issuerCountry: 'CH',
      dnsNames: ['pss.test'], ipAddresses: ['2001:db8::1', '10.1.2.3'], keyType: 'RSA', keySize: 2048, signatureAlgorithm: 'SHA384-RSAPSS',
    });
  });

  it('refuses truncated and overrunning elements and long-form tags instead of reading past them', () => {
    expect(() => derChildren(Buffer.from([0x30]))).toThrow('truncated length');
    expect(() => derChildren(Buffer.from([0x30, 0x05, 0x01]))).toThrow('overruns');
    expect(() => derChildren(Buffer.from([0x30, 0x82, 0x01]))).toThrow('truncated length');
    expect(() => derChildren(Buffer.from([0x30, 0x85, 1, 1, 1, 1, 1]))).toThrow('unsupported length form');
    expect(() => derChildren(Buffer.from([0x1f, 0x01, 0x00]))).toThrow('multi-octet tags');
    expect(() => derOid(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]))).toThrow('OID arc too large');
  });

  it('round-trips object identifiers and reads BMP and T61 strings', () => {
    for (const oid of ['2.5.4.3', '1.2.840.113549.1.1.11', '2.16.840.1.101.3.4.2.1', '1.3.6.1.5.5.7.3.1', '2.999.3']) {
      const [el] = derChildren(derEncodeOid(oid));
      expect(derOid(el!.value)).toBe(oid);
    }
    expect(derString({ tag: DER.BMP_STRING, value: Buffer.from([0x00, 0x5a, 0x00, 0xfc]) })).toBe('Zü');
    expect(derString({ tag: DER.T61_STRING, value: Buffer.from([0x5a, 0xfc]) })).toBe('Zü');
  });
});
