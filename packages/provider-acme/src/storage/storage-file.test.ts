import { describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStorage, saveResolver } from './storage-file.js';
import { decodePem, encodePem, parseAcmeJson } from './acme-json.js';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const traefikFile = {
  letsencrypt: {
    Account: {
      Email: 'ops@example.com',
      Registration: { body: { status: 'valid', contact: ['mailto:ops@example.com'] }, uri: 'https://acme.test/acct/1' },
      PrivateKey: Buffer.from([0x30, 0x82, 0x01]).toString('base64'),
      KeyType: '4096',
    },
    Certificates: [{ domain: { main: 'app.example.com', sans: ['www.example.com'] }, certificate: encodePem(PEM), key: encodePem('KEY'), Store: 'default' }],
  },
  other: { Account: null, Certificates: null },
};

describe('acme.json', () => {
  it('reads a file in Traefik format, keeping every resolver', () => {
    const { data, issues } = parseAcmeJson(JSON.stringify(traefikFile));
    expect(issues).toEqual([]);
    expect(data.letsencrypt?.Account?.Registration?.uri).toBe('https://acme.test/acct/1');
    expect(data.letsencrypt?.Certificates?.[0]?.domain).toEqual({ main: 'app.example.com', sans: ['www.example.com'] });
    expect(decodePem(data.letsencrypt!.Certificates![0]!.certificate)).toBe(PEM);
    expect(data.other).toEqual({ Account: null, Certificates: null });
  });

  it('turns a Traefik DER account key into PEM', () => {
    expect(decodePem(traefikFile.letsencrypt.Account.PrivateKey)).toMatch(/^-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n$/);
  });

  it('reports a corrupt file or bad entries without throwing', () => {
    expect(parseAcmeJson('{"le": ').issues[0]).toMatch(/not JSON/);
    expect(parseAcmeJson('[]').issues).toEqual(['expected an object of resolvers']);
    const bad = parseAcmeJson(JSON.stringify({ le: { Account: 3, Certificates: [{ domain: {} }, traefikFile.letsencrypt.Certificates[0]] } }));
    expect(bad.issues).toHaveLength(2);
    expect(bad.data.le?.Certificates).toHaveLength(1);
    expect(parseAcmeJson('').issues).toEqual([]);
  });

  it('writes atomically with mode 0600 and keeps other resolvers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'acme-'));
    const file = join(dir, 'acme.json');
    await writeFile(file, JSON.stringify(traefikFile), { mode: 0o644 });
    await saveResolver(file, 'other', { Account: null, Certificates: [] });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const back = JSON.parse(await readFile(file, 'utf8')) as typeof traefikFile;
    expect(back.letsencrypt).toEqual(traefikFile.letsencrypt);
    expect(back.other).toEqual({ Account: null, Certificates: [] });
  });

  it('loads a missing file as empty and a corrupt one as empty plus a coded issue', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'acme-'));
    expect(await loadStorage(join(dir, 'none.json'))).toEqual({ data: {}, issues: [] });
    await writeFile(join(dir, 'bad.json'), 'garbage');
    const { data, issues } = await loadStorage(join(dir, 'bad.json'));
    expect(data).toEqual({});
    expect(issues[0]).toMatchObject({ code: 'WHARF_ACME_STORAGE' });
    expect(issues[0]!.message).toContain('bad.json');
  });

  it('keeps a corrupt file aside before writing over it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'acme-'));
    const file = join(dir, 'acme.json');
    await writeFile(file, '{"le": broken');
    await saveResolver(file, 'le', { Account: null, Certificates: [] });
    const aside = (await readdir(dir)).filter((n) => n.startsWith('acme.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dir, aside[0]!), 'utf8')).toBe('{"le": broken');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ le: { Account: null, Certificates: [] } });
  });
});
