import type { TraefikCertificate } from '@wharf/config';
import { afterAll, describe, expect, it } from 'vitest';
import { createFixtureSource } from './fixtures/fixture-source.js';
import { createTestServer } from './fixtures/test-server.js';

function cert(name: string, commonName: string, extra: Partial<TraefikCertificate> = {}): TraefikCertificate {
  return {
    name, commonName, sans: [commonName], notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2027-01-01T00:00:00.000Z',
    serialNumber: '1', version: 'v3', keyType: 'ECDSA', keySize: 256, signatureAlgorithm: 'ECDSA-SHA256',
    certFingerprint: name, publicKeyFingerprint: `pk-${name}`, status: 'enabled', ...extra,
  } as TraefikCertificate;
}

// fingerprints chosen so that fingerprint order differs from common-name order
const certificates: TraefikCertificate[] = [
  cert('aaa1', 'soon.example', { status: 'warning', notAfter: '2026-12-08T00:00:00.000Z', issuerCN: 'soon.example' }),
  cert('bbb2', 'Zed.example', { issuerOrg: 'Acme Org', issuerCN: 'Acme CA', notAfter: '2028-01-01T00:00:00.000Z' }),
  cert('ccc3', 'app.example', { issuerCN: 'Beta CA', sans: ['app.example', '10.0.0.1'] }),
  cert('ddd4', 'old.example', { status: 'expired', notAfter: '2020-01-02T00:00:00.000Z', issuerOrg: 'Zulu Org', issuerCN: 'Acme CA' }),
];
const source = { ...createFixtureSource(), traefikCertificates: () => certificates };
const { app } = createTestServer({ source });
afterAll(() => app.close());

async function commonNames(query: string): Promise<string[]> {
  const res = await app.inject(`/api/certificates${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as TraefikCertificate[]).map((c) => c.commonName);
}

/** Traefik 3.7 `sortCertificates` / `keepCertificate`, as its dashboard's Certificates page uses them. */
describe('/api/certificates sorting and search (Traefik semantics)', () => {
  it('lists by common name in byte order by default, and for sortBy=name|cn (Traefik name() is the CN)', async () => {
    const byCn = ['Zed.example', 'app.example', 'old.example', 'soon.example'];
    expect(await commonNames('')).toEqual(byCn);
    expect(await commonNames('?sortBy=name')).toEqual(byCn);
    expect(await commonNames('?sortBy=cn')).toEqual(byCn);
    expect(await commonNames('?sortBy=cn&direction=desc')).toEqual([...byCn].reverse());
  });

  it('sorts issuer by organisation first, then CN', async () => {
    // keys: Acme Org, Beta CA, Zulu Org, soon.example
    expect(await commonNames('?sortBy=issuer')).toEqual(['Zed.example', 'app.example', 'old.example', 'soon.example']);
    expect(await commonNames('?sortBy=issuer&direction=desc')).toEqual(['soon.example', 'old.example', 'app.example', 'Zed.example']);
  });

  it('sorts by validUntil and by status with the common name breaking ties (reversed with desc)', async () => {
    expect(await commonNames('?sortBy=validUntil')).toEqual(['old.example', 'soon.example', 'app.example', 'Zed.example']);
    expect(await commonNames('?sortBy=status')).toEqual(['Zed.example', 'app.example', 'old.example', 'soon.example']);
    expect(await commonNames('?sortBy=status&direction=desc')).toEqual(['soon.example', 'old.example', 'app.example', 'Zed.example']);
  });

  it.each(['nope', '__proto__', 'constructor', 'hasOwnProperty'])('an unknown sortBy (%s) sorts by name, as Traefik (no 400, no 500)', async (key) => {
    expect(await commonNames(`?sortBy=${key}`)).toEqual(await commonNames(''));
  });

  it('reads status=disabled (what Traefik\'s web UI asks on its Errors tab) as expired; any other direction than asc descends (Go)', async () => {
    expect(await commonNames('?status=disabled')).toEqual(['old.example']);
    expect(await commonNames('?status=expired')).toEqual(['old.example']);
    expect(await commonNames('?sortBy=cn&direction=down')).toEqual(await commonNames('?sortBy=cn&direction=desc'));
  });

  it('searches common name, issuer organisation and CN, and SANs, case-insensitively; not the fingerprint', async () => {
    expect(await commonNames('?search=acme org')).toEqual(['Zed.example']);
    expect(await commonNames('?search=ACME CA')).toEqual(['Zed.example', 'old.example']);
    expect(await commonNames('?search=10.0.0')).toEqual(['app.example']);
    expect(await commonNames('?search=ZED')).toEqual(['Zed.example']);
    expect(await commonNames('?search=ccc3')).toEqual([]);
  });

  it('filters status case-insensitively', async () => {
    expect(await commonNames('?status=Expired')).toEqual(['old.example']);
    expect(await commonNames('?status=warning&search=soon')).toEqual(['soon.example']);
  });
});
