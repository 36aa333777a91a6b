import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer, type TLSSocket } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { connectionTls } from '../options/go-names.js';
import { goSubjectString } from './go-subject.js';

describe("a client certificate's subject as Go's pkix.Name.String() prints it (Traefik's TLSClientSubject)", () => {
  it("uses Go's order, not the certificate's, and joins repeated attributes with +", () => {
    expect(goSubjectString({ C: 'FR', ST: 'IDF', L: 'Paris', O: 'Wharf Tests', OU: ['dev', 'ops'], CN: 'alice' })).toBe('CN=alice,OU=dev+OU=ops,O=Wharf Tests,L=Paris,ST=IDF,C=FR');
    expect(goSubjectString({ CN: ['first', 'last'], serialNumber: '42', street: '1 Main St', postalCode: '75001' })).toBe('SERIALNUMBER=42,CN=last,POSTALCODE=75001,STREET=1 Main St');
  });

  it('escapes as Go does: specials anywhere, a space at either end, # first', () => {
    expect(goSubjectString({ CN: 'a,b+c"d\\e<f>g;h' })).toBe('CN=a\\,b\\+c\\"d\\\\e\\<f\\>g\\;h');
    expect(goSubjectString({ CN: ' x y ', O: '#1 co' })).toBe('CN=\\ x y\\ ,O=\\#1 co');
    expect(goSubjectString({ CN: 'é ü' })).toBe('CN=é ü');
  });

  it('prints other attributes by OID with their DER value in hex, at the end', () => {
    // e-mail has '@': a UTF8String (0x0c); DC values are printable: PrintableString (0x13)
    expect(goSubjectString({ CN: 'alice', emailAddress: 'alice@example.com', DC: ['example', 'com'] })).toBe(
      'CN=alice,0.9.2342.19200300.100.1.25=#1303636f6d,0.9.2342.19200300.100.1.25=#13076578616d706c65,1.2.840.113549.1.9.1=#0c11616c696365406578616d706c652e636f6d',
    );
    expect(goSubjectString({ '1.2.3.4': 'v' })).toBe('1.2.3.4=#130176');
    expect(goSubjectString({})).toBe('');
  });

  it('reads it from a real mutual-TLS handshake, only when the server asked for a certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wharf-subject-'));
    const make = (name: string, subj: string) => {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', subj,
        '-keyout', join(dir, `${name}.key`), '-out', join(dir, `${name}.crt`)], { stdio: 'ignore' });
      return { cert: readFileSync(join(dir, `${name}.crt`)), key: readFileSync(join(dir, `${name}.key`)) };
    };
    const server = make('server', '/CN=server.test');
    const client = make('client', '/C=FR/O=Wharf Tests/OU=dev/OU=ops/CN=alice, the "first"/emailAddress=alice@example.com');
    const seen = async (requestCert: boolean) => {
      const tls = createServer({ ...server, requestCert, rejectUnauthorized: false });
      const got = new Promise<ReturnType<typeof connectionTls>>((resolve) => tls.on('secureConnection', (s: TLSSocket) => (resolve(connectionTls(s)), s.end())));
      await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r));
      const port = (tls.address() as { port: number }).port;
      const c = connect({ host: '127.0.0.1', port, rejectUnauthorized: false, ...client });
      c.on('error', () => undefined);
      const result = await got;
      c.destroy();
      await new Promise((r) => tls.close(r));
      return result;
    };
    expect((await seen(true)).clientSubject).toBe('CN=alice\\, the \\"first\\",OU=dev+OU=ops,O=Wharf Tests,C=FR,1.2.840.113549.1.9.1=#0c11616c696365406578616d706c652e636f6d');
    expect((await seen(false)).clientSubject).toBeUndefined();
  });
});
