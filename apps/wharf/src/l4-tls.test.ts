import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWharf, type TestWharf } from './testing/harness.js';

/** TCP routers terminating TLS with the file provider's certificates, and SNI routing. */
describe('TCP TLS termination through wharf', () => {
  let t: TestWharf;
  let echo: Server;
  let cert = '';

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wharf-l4-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=db.test',
      '-addext', 'subjectAltName=DNS:db.test', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem')], { stdio: 'ignore' });
    cert = readFileSync(join(dir, 'c.pem'), 'utf8');
    echo = createServer((s) => s.pipe(s));
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    t = await startTestWharf({
      tls: { certificates: [{ certFile: join(dir, 'c.pem'), keyFile: join(dir, 'k.pem') }] },
      tcp: {
        routers: { db: { rule: 'HostSNI(`db.test`)', service: 'echo', entryPoints: ['secure'], tls: {} } },
        services: { echo: { loadBalancer: { servers: [{ address: `127.0.0.1:${(echo.address() as AddressInfo).port}` }] } } },
      },
    }, ['--entrypoints.secure.address=127.0.0.1:0']);
  });
  afterAll(async () => {
    await t?.close();
    echo.close();
  });

  const ask = (servername: string) => new Promise<string>((resolve, reject) => {
    const s = tlsConnect({ port: t.wharf.addresses['secure']!.port, host: '127.0.0.1', servername, ca: cert }, () => s.write('hello over tls'));
    s.once('data', (d) => {
      resolve(d.toString());
      s.destroy();
    });
    s.once('error', reject);
    s.once('close', () => resolve(''));
  });

  it('terminates TLS with the configured certificate and forwards plain bytes', async () => {
    expect(await ask('db.test')).toBe('hello over tls');
  });

  it('an SNI no TCP router takes is not forwarded: it goes to the HTTP side, which does not speak TLS here', async () => {
    await expect(ask('other.test')).rejects.toThrow();
  });
});
