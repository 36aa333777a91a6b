import { beforeAll, describe, expect, it } from 'vitest';
import { generateDefaultCertificate, type GeneratedCertificate } from '../certificates/default-certificate.js';
import { makeCa, makeLeaf, writeTemp, type TestCa, type TestPair } from '../testing/certificates.js';
import { compileCertificates } from './compile-certificates.js';

const DAY = 24 * 3600 * 1000;
let ca: TestCa;
let generated: GeneratedCertificate;
let exact: TestPair;
let wildcard: TestPair;
let multi: TestPair;
let ip: TestPair;

beforeAll(async () => {
  ca = await makeCa();
  generated = await generateDefaultCertificate();
  exact = await makeLeaf(ca, { dns: ['foo.example.com'] });
  wildcard = await makeLeaf(ca, { cn: '*.example.com', dns: ['*.example.com'] });
  multi = await makeLeaf(ca, { dns: ['a.other.org', 'B.Other.org'] });
  ip = await makeLeaf(ca, { cn: 'by-ip', ips: ['127.0.0.1', '::1'] });
});

const pair = (p: TestPair) => ({ certFile: p.certPem, keyFile: p.keyPem });

describe('certificate selection (Traefik GetBestCertificate)', () => {
  it('takes the exact SAN, then the one-label wildcard, then nothing', () => {
    const { store } = compileCertificates({ certificates: [pair(wildcard), pair(exact), pair(multi)] }, { generated, now: Date.now() });
    const cn = (name: string) => store.match(name)?.info?.commonName;
    expect(cn('foo.example.com')).toBe('foo.example.com');
    expect(cn('FOO.Example.COM.')).toBe('foo.example.com');
    expect(cn('bar.example.com')).toBe('*.example.com');
    expect(cn('a.b.example.com')).toBeUndefined();
    expect(cn('example.com')).toBeUndefined();
    expect(cn('b.other.org')).toBe('a.other.org');
    expect(cn('unknown.test')).toBeUndefined();
    expect(store.certificates.map((c) => c.names.join(','))).toEqual(['foo.example.com', 'a.other.org,b.other.org', '*.example.com']);
  });

  it('matches the local IP when there is no SNI', () => {
    const { store } = compileCertificates({ certificates: [pair(ip), pair(exact)] }, { generated, now: Date.now() });
    expect(store.match('', '127.0.0.1')?.info?.commonName).toBe('by-ip');
    expect(store.match(undefined, '::ffff:127.0.0.1')?.info?.commonName).toBe('by-ip');
    expect(store.match('', '0:0:0:0:0:0:0:1')?.info?.commonName).toBe('by-ip');
    expect(store.match('', '10.9.9.9')).toBeUndefined();
  });

  it('serves the generated TRAEFIK DEFAULT CERT when no default is configured', () => {
    const { store, entries } = compileCertificates(undefined, { generated, now: Date.now() });
    expect(store.defaultCertificate?.info?.commonName).toBe('TRAEFIK DEFAULT CERT');
    expect(store.defaultCertificate?.info?.dnsNames[0]).toMatch(/^[0-9a-f]{32}\.[0-9a-f]{32}\.traefik\.default$/);
    expect(entries.map((e) => e.origin)).toEqual(['generated']);
  });

  it('isolates bad certificates: the rest is served, the default falls back with an error', () => {
    const files = writeTemp({ 'x.key': exact.keyPem });
    const { store, entries, issues } = compileCertificates(
      {
        certificates: [{ certFile: '/nope/a.crt', keyFile: files['x.key']! }, { certFile: wildcard.certPem, keyFile: exact.keyPem }, pair(exact)],
        stores: { default: { defaultCertificate: { certFile: '/nope/default.crt', keyFile: files['x.key']! } } },
      },
      { generated, now: Date.now() },
    );
    expect(entries.map((e) => [e.origin, e.certificate.usable, e.certificate.issues.map((i) => i.code)])).toEqual([
      ['file', false, ['WHARF_TLS_FILE_UNREADABLE']],
      ['file', false, ['WHARF_TLS_KEY_MISMATCH']],
      ['file', true, []],
      ['defaultCertificate', false, ['WHARF_TLS_FILE_UNREADABLE']],
      ['generated', true, []],
    ]);
    expect(store.match('foo.example.com')?.info?.commonName).toBe('foo.example.com');
    expect(store.defaultCertificate?.info?.commonName).toBe('TRAEFIK DEFAULT CERT');
    expect(issues[0]).toMatchObject({ code: 'WHARF_TLS_DEFAULT_CERT', severity: 'error', message: expect.stringContaining('/nope/default.crt') });
  });

  it('uses the configured default certificate, or the resolver certificate for defaultGeneratedCert', () => {
    const configured = compileCertificates({ stores: { default: { defaultCertificate: pair(multi) } } }, { generated, now: Date.now() });
    expect(configured.store.defaultCertificate?.info?.commonName).toBe('a.other.org');
    const fromResolver = compileCertificates(
      { certificates: [pair(multi)], stores: { default: { defaultGeneratedCert: { resolver: 'le', domain: { main: 'A.other.org', sans: ['b.other.org'] } } } } },
      { generated, now: Date.now() },
    );
    expect(fromResolver.store.defaultCertificate?.info?.commonName).toBe('a.other.org');
    const notYet = compileCertificates({ stores: { default: { defaultGeneratedCert: { resolver: 'le', domain: { main: 'x.org' } } } } }, { generated, now: Date.now() });
    expect(notYet.store.defaultCertificate?.info?.commonName).toBe('TRAEFIK DEFAULT CERT');
    expect(notYet.issues[0]).toMatchObject({ code: 'WHARF_TLS_DEFAULT_CERT', severity: 'warning' });
  });

  it('keeps the first of two certificates with the same names, unless it is expired', async () => {
    const expired = await makeLeaf(ca, { dns: ['foo.example.com'], notBefore: new Date(Date.now() - 9 * DAY), notAfter: new Date(Date.now() - DAY) });
    const twin = await makeLeaf(ca, { dns: ['foo.example.com'] });
    const first = compileCertificates({ certificates: [pair(exact), pair(twin)] }, { generated, now: Date.now() });
    expect(first.store.match('foo.example.com')?.certPem).toBe(exact.certPem);
    expect(first.entries[1]?.certificate.issues[0]?.code).toBe('WHARF_TLS_CERT_DUPLICATE');
    const renewed = compileCertificates({ certificates: [pair(expired), pair(twin)] }, { generated, now: Date.now() });
    expect(renewed.store.match('foo.example.com')?.certPem).toBe(twin.certPem);
    expect(renewed.entries[0]?.certificate.issues.map((i) => i.code)).toEqual(['WHARF_TLS_CERT_EXPIRED', 'WHARF_TLS_CERT_DUPLICATE']);
  });

  it('puts acme-tls/1 certificates in their own store and warns about unused stores', () => {
    const { store, acmeStore, entries, issues } = compileCertificates(
      { certificates: [{ ...pair(exact), stores: ['acme-tls/1'] }, { ...pair(multi), stores: ['other'] }], stores: { other: {} } },
      { generated, now: Date.now() },
    );
    expect(acmeStore.match('foo.example.com')?.info?.commonName).toBe('foo.example.com');
    expect(acmeStore.defaultCertificate).toBeUndefined();
    expect(store.match('foo.example.com')).toBeUndefined();
    expect(store.match('a.other.org')).toBeUndefined();
    expect(entries[1]?.certificate.issues[0]?.code).toBe('WHARF_TLS_STORE_IGNORED');
    expect(issues[0]?.code).toBe('WHARF_TLS_STORE_IGNORED');
  });
});
