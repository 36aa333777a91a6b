import { beforeAll, describe, expect, it } from 'vitest';
import { generateDefaultCertificate, type GeneratedCertificate } from '../certificates/default-certificate.js';
import { makeCa, makeLeaf, writeTemp, type TestCa } from '../testing/certificates.js';
import { compileTls } from '../tls-generation.js';
import { reportCertificate } from './certificate-report.js';

const DAY = 24 * 3600 * 1000;
let ca: TestCa;
let generated: GeneratedCertificate;

beforeAll(async () => {
  [ca, generated] = await Promise.all([makeCa(), generateDefaultCertificate()]);
});

describe('reportCertificate', () => {
  it('shows a file certificate, an expiring one, an expired one and a mismatched key, naming the files', async () => {
    const good = await makeLeaf(ca, { dns: ['app.example.com', 'www.example.com'] });
    const soon = await makeLeaf(ca, { dns: ['soon.example.com'], notAfter: new Date(Date.now() + 3 * DAY) });
    const old = await makeLeaf(ca, { dns: ['old.example.com'], notBefore: new Date(Date.now() - 10 * DAY), notAfter: new Date(Date.now() - DAY) });
    const files = writeTemp({ 'good.crt': good.certPem, 'good.key': good.keyPem, 'soon.crt': soon.certPem, 'soon.key': soon.keyPem, 'old.crt': old.certPem, 'old.key': old.keyPem });
    const generation = compileTls(
      {
        certificates: [
          { certFile: files['good.crt']!, keyFile: files['good.key']! },
          { certFile: files['soon.crt']!, keyFile: files['soon.key']! },
          { certFile: files['old.crt']!, keyFile: files['old.key']! },
          { certFile: files['good.crt']!, keyFile: files['soon.key']! },
        ],
      },
      { generated },
    );
    const [g, s, o, mismatch, fallback] = generation.certificates.entries.map((e) => reportCertificate(e, Date.now()));
    expect(g).toMatchObject({ subject: 'app.example.com', sans: ['app.example.com', 'www.example.com'], issuer: 'Wharf Test CA', source: { kind: 'file', path: files['good.crt'] }, stores: ['default'], status: 'enabled', errors: [], warnings: [] });
    expect(g!.id).toMatch(/^[0-9a-f]{64}$/);
    expect(g!.serial).toMatch(/^7[0-9a-f]{16}$/);
    expect(Date.parse(g!.notAfter)).toBeGreaterThan(Date.now());
    expect(s!.status).toBe('warning');
    expect(s!.warnings[0]).toContain('expires on');
    expect(o!.status).toBe('disabled');
    expect(o!.errors.join()).toContain(files['old.crt']);
    expect(o!.errors.join()).toContain('WHARF_TLS_CERT_EXPIRED');
    expect(mismatch!.status).toBe('disabled');
    expect(mismatch!.errors.join()).toContain('WHARF_TLS_KEY_MISMATCH');
    expect(mismatch!.errors.join()).toContain(files['soon.key']);
    expect(fallback?.source).toEqual({ kind: 'default' });
  });

  it('names an unreadable file and an inline certificate', async () => {
    const inline = await makeLeaf(ca, { dns: ['inline.example.com'] });
    const generation = compileTls({ certificates: [{ certFile: '/nonexistent/x.crt', keyFile: '/nonexistent/x.key' }, { certFile: inline.certPem, keyFile: inline.keyPem }] }, { generated });
    const [missing, inl] = generation.certificates.entries.map((e) => reportCertificate(e, Date.now()));
    expect(missing).toMatchObject({ id: '/nonexistent/x.crt', subject: '', status: 'disabled', source: { kind: 'file', path: '/nonexistent/x.crt' } });
    expect(missing!.errors.join()).toContain('/nonexistent/x.crt');
    expect(inl!.source.kind).toBe('inline');
  });
});
