import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeExchange, recordingNext } from '../testing/exchange.js';
import { exchangeFromRequest } from '../testing/loopback.js';
import { queryEscape } from './cert-info.js';
import { CERT_HEADER, CERT_INFO_HEADER, createPassTLSClientCert } from './pass-tls-client-cert.js';
import type { PassTLSClientCertOptions } from './schema.js';

const OPENSSL = '/usr/bin/openssl';
const have = existsSync(OPENSSL);
if (!have && process.env.CI) throw new Error('openssl is required in CI for passTLSClientCert tests');

function makeCerts(dir: string) {
  const run = (...args: string[]) => execFileSync(OPENSSL, args, { cwd: dir, stdio: 'pipe' });
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/C=FR/O=Wharf CA/CN=wharf-ca');
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'srv.key', '-out', 'srv.crt', '-days', '2', '-subj', '/CN=localhost');
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'cli.key', '-out', 'cli.csr', '-subj', '/C=FR/ST=IDF/L=Paris/O=Acme/OU=Ops/CN=client.acme');
  writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=DNS:client.acme,email:ops@acme.test,IP:10.0.0.1\n');
  run('x509', '-req', '-in', 'cli.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'cli.crt', '-days', '2', '-extfile', 'ext.cnf');
  const f = (n: string) => readFileSync(join(dir, n));
  return { ca: f('ca.crt'), srvKey: f('srv.key'), srvCert: f('srv.crt'), cliKey: f('cli.key'), cliCert: f('cli.crt') };
}

describe.skipIf(!have)('passTLSClientCert over real TLS', () => {
  let server: https.Server;
  let port = 0;
  let certs: ReturnType<typeof makeCerts>;
  let options: PassTLSClientCertOptions = {};

  beforeAll(async () => {
    certs = makeCerts(mkdtempSync(join(tmpdir(), 'wharf-mtls-')));
    server = https.createServer({ key: certs.srvKey, cert: certs.srvCert, ca: certs.ca, requestCert: true, rejectUnauthorized: false }, (req, res) => {
      const ex = exchangeFromRequest(req, res);
      const rec = recordingNext();
      void createPassTLSClientCert(options)(ex, rec.make(ex)).then(() => res.end(JSON.stringify(rec.seen[0]!.headers)));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const get = (withCert: boolean) =>
    new Promise<Record<string, string>>((resolve, reject) => {
      const req = https.request(
        { port, host: '127.0.0.1', path: '/', rejectUnauthorized: false, headers: { [CERT_HEADER]: 'forged' }, ...(withCert ? { key: certs.cliKey, cert: certs.cliCert } : {}) },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve(JSON.parse(body) as Record<string, string>));
        },
      );
      req.on('error', reject);
      req.end();
    });

  it('passes the PEM body (escaped, no armour) and drops a forged header', async () => {
    options = { pem: true };
    const headers = await get(true);
    const pemBody = certs.cliCert.toString().replace(/-----(BEGIN|END) CERTIFICATE-----|\n/g, '');
    expect(headers[CERT_HEADER]).toBe(queryEscape(pemBody));
    expect((await get(false))[CERT_HEADER]).toBeUndefined();
  });
  it('passes the selected info fields', async () => {
    options = { info: { sans: true, notBefore: true, subject: { country: true, commonName: true, organization: true }, issuer: { commonName: true } } };
    const info = decodeURIComponent((await get(true))[CERT_INFO_HEADER]!.replace(/\+/g, ' '));
    expect(info).toMatch(/^Subject="C=FR,O=Acme,CN=client\.acme";Issuer="CN=wharf-ca";NB="\d+";SAN="client\.acme,ops@acme\.test,10\.0\.0\.1"$/);
  });
});

describe('passTLSClientCert without TLS', () => {
  it('removes client-sent headers and adds nothing', async () => {
    const ex = fakeExchange({ headers: { [CERT_HEADER]: 'forged', [CERT_INFO_HEADER]: 'forged' } });
    const rec = recordingNext();
    await createPassTLSClientCert({ pem: true, info: { sans: true } })(ex, rec.make(ex));
    expect(rec.seen[0]!.headers).not.toHaveProperty(CERT_HEADER);
    expect(rec.seen[0]!.headers).not.toHaveProperty(CERT_INFO_HEADER);
  });
});
