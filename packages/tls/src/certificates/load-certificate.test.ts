import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCa, makeLeaf, writeTemp, type TestCa, type TestPair } from '../testing/certificates.js';
import { certificateStatus } from './certificate-info.js';
import { loadCertificate } from './load-certificate.js';

const DAY = 24 * 3600 * 1000;
let ca: TestCa;
let leaf: TestPair;
let other: TestPair;

beforeAll(async () => {
  ca = await makeCa();
  leaf = await makeLeaf(ca, { cn: 'App.Example.com', dns: ['app.example.com', '*.api.example.com'], ips: ['10.0.0.1', '::1'] });
  other = await makeLeaf(ca, { dns: ['other.example.com'] });
});

describe('loadCertificate', () => {
  it('loads paths and inline PEM alike, with the API info', () => {
    const files = writeTemp({ 'a.crt': leaf.certPem + ca.certPem, 'a.key': leaf.keyPem });
    const fromFiles = loadCertificate({ certFile: files['a.crt']!, keyFile: files['a.key']! }, Date.now());
    const inline = loadCertificate({ certFile: leaf.certPem, keyFile: leaf.keyPem }, Date.now());
    expect(fromFiles.issues).toEqual([]);
    expect(fromFiles.usable).toBe(true);
    expect(fromFiles.source).toEqual({ certFile: files['a.crt'], keyFile: files['a.key'] });
    expect(inline.source).toEqual({ certFile: 'inline PEM', keyFile: 'inline PEM' });
    expect(inline.id).toBe(fromFiles.id);
    expect(fromFiles.names).toEqual(['app.example.com', '*.api.example.com', '10.0.0.1', '::1']);
    expect(fromFiles.info).toMatchObject({
      commonName: 'App.Example.com',
      sans: ['*.api.example.com', '10.0.0.1', '::1', 'app.example.com'],
      dnsNames: ['app.example.com', '*.api.example.com'],
      ipAddresses: ['10.0.0.1', '::1'],
      issuerCN: 'Wharf Test CA',
      issuerOrg: 'Wharf Tests',
      version: 'v3',
      keyType: 'ECDSA',
      keySize: 256,
      signatureAlgorithm: 'ECDSA-SHA256',
    });
    expect(fromFiles.info?.name).toMatch(/^[0-9a-f]{64}$/);
    expect(fromFiles.info?.serialNumber).toMatch(/^\d+$/);
    expect(certificateStatus(fromFiles.info!, Date.now())).toBe('enabled');
    expect(certificateStatus(fromFiles.info!, Date.now() + 80 * DAY)).toBe('warning');
  });

  it('describes an openssl-made RSA certificate as Go does', () => {
    const dir = writeTemp({}).dir;
    const [crt, key] = [join(dir, 'r.crt'), join(dir, 'r.key')];
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', crt, '-days', '10', '-subj', '/CN=rsa.test/O=Org/C=FR', '-addext', 'subjectAltName=DNS:rsa.test,IP:192.0.2.7', '-set_serial', '4096'], { stdio: 'ignore' });
    } catch {
      if (process.env.CI === 'true') throw new Error('openssl is required in CI');
      console.warn('skipped: openssl CLI not found');
      return;
    }
    const loaded = loadCertificate({ certFile: crt, keyFile: key }, Date.now());
    expect(loaded.issues).toEqual([]);
    expect(loaded.info).toMatchObject({ keyType: 'RSA', keySize: 2048, signatureAlgorithm: 'SHA256-RSA', serialNumber: '4096', organization: 'Org', country: 'FR', issuerCN: 'rsa.test' });
    expect(certificateStatus(loaded.info!, Date.now())).toBe('warning');
  });

  it('reports each bad certificate with a code naming the file, never throwing', () => {
    const files = writeTemp({ 'leaf.crt': leaf.certPem, 'leaf.key': leaf.keyPem, 'other.key': other.keyPem, 'junk.crt': 'hello', 'bad.crt': '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n', 'enc.key': '-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n' });
    const cases: Array<[string, string, string, string]> = [
      [join(files.dir, 'missing.crt'), files['leaf.key']!, 'WHARF_TLS_FILE_UNREADABLE', 'missing.crt: no such file'],
      [files.dir, files['leaf.key']!, 'WHARF_TLS_FILE_UNREADABLE', 'not a regular file'],
      [files['junk.crt']!, files['leaf.key']!, 'WHARF_TLS_NOT_PEM', 'junk.crt holds no PEM certificate'],
      [files['bad.crt']!, files['leaf.key']!, 'WHARF_TLS_NOT_PEM', 'bad.crt: the certificate cannot be parsed'],
      [files['leaf.crt']!, files['junk.crt']!, 'WHARF_TLS_NOT_PEM', 'keyFile'],
      [files['leaf.crt']!, files['enc.key']!, 'WHARF_TLS_BAD_KEY', 'encrypted'],
      [files['leaf.crt']!, files['other.key']!, 'WHARF_TLS_KEY_MISMATCH', 'other.key does not match the certificate in'],
    ];
    for (const [certFile, keyFile, code, text] of cases) {
      const loaded = loadCertificate({ certFile, keyFile }, Date.now());
      expect(loaded.usable, certFile).toBe(false);
      expect(loaded.issues[0]?.code, certFile).toBe(code);
      expect(loaded.issues[0]?.message).toContain(text);
    }
  });

  it('never blocks on a FIFO', () => {
    const fifo = join(writeTemp({}).dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const loaded = loadCertificate({ certFile: fifo, keyFile: fifo }, Date.now());
    expect(loaded.issues[0]).toMatchObject({ code: 'WHARF_TLS_FILE_UNREADABLE', message: expect.stringContaining('not a regular file') });
  });

  it('keeps expired and not-yet-valid certificates usable, with an error', async () => {
    const expired = await makeLeaf(ca, { dns: ['old.example.com'], notBefore: new Date(Date.now() - 20 * DAY), notAfter: new Date(Date.now() - DAY) });
    const future = await makeLeaf(ca, { dns: ['new.example.com'], notBefore: new Date(Date.now() + DAY) });
    const a = loadCertificate({ certFile: expired.certPem, keyFile: expired.keyPem }, Date.now());
    const b = loadCertificate({ certFile: future.certPem, keyFile: future.keyPem }, Date.now());
    expect([a.usable, a.issues.map((i) => i.code)]).toEqual([true, ['WHARF_TLS_CERT_EXPIRED']]);
    expect([b.usable, b.issues.map((i) => i.code)]).toEqual([true, ['WHARF_TLS_CERT_NOT_YET_VALID']]);
    expect(certificateStatus(a.info!, Date.now())).toBe('expired');
  });
});
