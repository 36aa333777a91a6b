import { beforeAll, describe, expect, it } from 'vitest';
import { nodeClientHello } from '../testing/client-hellos.js';
import { POSTGRES_SSL_REQUEST, readConnectionStart, readPostgresSslRequest } from './postgres-ssl-request.js';

const request = Buffer.from(POSTGRES_SSL_REQUEST);
/** GSSENCRequest: same length, code 80877104 (one more); Traefik does not answer it, nor does wharf */
const gssEncRequest = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x30]);
/** a StartupMessage for protocol 3.0 (a client with sslmode=disable) */
const startup = Buffer.concat([Buffer.from([0, 0, 0, 9, 0, 3, 0, 0]), Buffer.from([0])]);

describe('readPostgresSslRequest', () => {
  it('the eight bytes are an SSLRequest; what follows them is not looked at', () => {
    expect(request.toString('hex')).toBe('0000000804d2162f');
    expect(readPostgresSslRequest(request)).toBe('sslRequest');
    expect(readPostgresSslRequest(Buffer.concat([request, Buffer.from('garbage')]))).toBe('sslRequest');
  });

  it('every strict prefix asks for more, nothing else does', () => {
    for (let n = 0; n < 8; n++) expect(readPostgresSslRequest(request.subarray(0, n)), `${n} bytes`).toBe('needMore');
  });

  it.each([
    ['a TLS ClientHello record', Buffer.from([0x16, 3, 1, 0, 5])],
    ['HTTP', Buffer.from('GET / HTTP/1.1\r\n')],
    ['a GSSENCRequest (differs in the last byte)', gssEncRequest],
    ['a StartupMessage (differs in the fourth byte)', startup],
    ['a cancel request (length 16)', Buffer.from([0, 0, 0, 16, 0x04, 0xd2, 0x16, 0x2e])],
    ['a zero then a non-zero byte', Buffer.from([0, 1])],
  ])('%s is decided as not an SSLRequest at its first differing byte', (_what, bytes) => {
    expect(readPostgresSslRequest(bytes)).toBe('other');
    const first = bytes.findIndex((b, i) => b !== request[i]);
    expect(readPostgresSslRequest(bytes.subarray(0, first + 1))).toBe('other');
  });
});

describe('readConnectionStart', () => {
  let hello: Buffer;
  beforeAll(async () => {
    hello = await nodeClientHello({ servername: 'db.example', ALPNProtocols: ['postgresql'] });
  });

  it('an SSLRequest is reported as such, even with a ClientHello already behind it', () => {
    expect(readConnectionStart(request)).toEqual({ kind: 'postgresSslRequest' });
    expect(readConnectionStart(Buffer.concat([request, hello]))).toEqual({ kind: 'postgresSslRequest' });
  });

  it('a direct ClientHello (sslnegotiation=direct) is read as any other', () => {
    const r = readConnectionStart(hello);
    expect(r.kind).toBe('hello');
    if (r.kind === 'hello') expect([r.hello.sni, r.hello.alpn]).toEqual(['db.example', ['postgresql']]);
  });

  it('half an SSLRequest waits; other Postgres messages and plaintext are not TLS', () => {
    expect(readConnectionStart(request.subarray(0, 5))).toEqual({ kind: 'needMore' });
    expect(readConnectionStart(gssEncRequest)).toEqual({ kind: 'notTls' });
    expect(readConnectionStart(startup)).toEqual({ kind: 'notTls' });
    expect(readConnectionStart(Buffer.from('SSH-2.0-x\r\n'))).toEqual({ kind: 'notTls' });
  });

  it('SSLv2 and a broken hello keep their meaning', () => {
    expect(readConnectionStart(Buffer.from([0x80, 0x2e]))).toEqual({ kind: 'sslv2' });
    expect(readConnectionStart(Buffer.from([0x16, 9, 9, 0, 1, 0])).kind).toBe('error');
  });
});
