import { beforeAll, describe, expect, it } from 'vitest';
import { hasOpenssl, nodeClientHello, opensslClientHello, pad, reframe } from '../testing/client-hellos.js';
import { MAX_CLIENT_HELLO_BYTES, readClientHello } from './read-client-hello.js';

let node: Buffer;
let nodeNoSni: Buffer;
let openssl: Buffer | undefined;
let openssl12: Buffer | undefined;

beforeAll(async () => {
  node = await nodeClientHello({ servername: 'App.Example.com', ALPNProtocols: ['h2', 'http/1.1'] });
  nodeNoSni = await nodeClientHello({});
  if (hasOpenssl()) {
    openssl = await opensslClientHello(['-servername', 'db.example.com', '-alpn', 'postgresql,acme-tls/1']);
    openssl12 = await opensslClientHello(['-servername', 'old.example.com', '-tls1_2']);
  } else if (process.env.CI === 'true') {
    throw new Error('openssl is required in CI');
  } else {
    console.warn('openssl CLI not found: the s_client hellos are skipped');
  }
});

const helloOf = (bytes: Uint8Array) => {
  const r = readClientHello(bytes);
  if (r.kind !== 'hello') throw new Error(`expected a hello, got ${JSON.stringify(r)}`);
  return r;
};

describe('readClientHello on real ClientHellos', () => {
  it('node:tls: SNI as sent, ALPN in order, TLS 1.3 supported_versions', () => {
    const r = helloOf(node);
    expect(r.hello).toMatchObject({ sni: 'App.Example.com', alpn: ['h2', 'http/1.1'], legacyVersion: 0x0303 });
    expect(r.hello.supportedVersions).toContain(0x0304);
    expect(r.bytes).toBe(node.length);
  });

  it('node:tls to an IP address: no SNI, no ALPN', () => {
    expect(helloOf(nodeNoSni).hello).toMatchObject({ sni: '', alpn: [] });
  });

  it('openssl s_client with -servername and -alpn, and a TLS 1.2-only client', () => {
    if (!openssl || !openssl12) return;
    expect(helloOf(openssl).hello).toMatchObject({ sni: 'db.example.com', alpn: ['postgresql', 'acme-tls/1'] });
    const old = helloOf(openssl12).hello;
    expect(old).toMatchObject({ sni: 'old.example.com', legacyVersion: 0x0303 });
    expect(old.supportedVersions).toBeUndefined();
  });

  it('fed byte by byte: needMore until the last byte, then the same hello', () => {
    for (let n = 0; n < node.length; n++) expect(readClientHello(node.subarray(0, n)).kind, `at ${n}`).toBe('needMore');
    expect(helloOf(node).hello.sni).toBe('App.Example.com');
  });

  it('cut across TLS records (and across reads inside them)', () => {
    for (const size of [1, 7, 100, 512]) {
      const framed = reframe(node, size);
      if (Math.ceil((framed.length) / (size + 5)) > 64) {
        expect(readClientHello(framed)).toMatchObject({ kind: 'error', code: 'WHARF_TLS_HELLO_TOO_LARGE' });
        continue;
      }
      for (let n = 0; n < framed.length; n += 13) expect(readClientHello(framed.subarray(0, n)).kind).toBe('needMore');
      expect(helloOf(framed)).toMatchObject({ hello: { sni: 'App.Example.com', alpn: ['h2', 'http/1.1'] }, bytes: framed.length });
    }
  });

  it('stops at the end of the hello: bytes after it (early data) are not its business', () => {
    const r = helloOf(Buffer.concat([node, Buffer.from([0x17, 0x03, 0x03, 0x00, 0x01, 0xff])]));
    expect(r.bytes).toBe(node.length);
  });

  it('accepts a hello up to 16 KiB, across two records, and refuses a larger one at once', () => {
    const fits = pad(node, MAX_CLIENT_HELLO_BYTES - (node.length - 9) - 4);
    expect(helloOf(fits).hello.sni).toBe('App.Example.com');
    const huge = pad(node, MAX_CLIENT_HELLO_BYTES);
    // refused from the header alone, before the body arrives
    expect(readClientHello(huge.subarray(0, 9))).toMatchObject({ kind: 'error', code: 'WHARF_TLS_HELLO_TOO_LARGE' });
  });
});

describe('readClientHello on what is not a ClientHello', () => {
  it('plaintext, SSLv2-style and empty input', () => {
    expect(readClientHello(Buffer.from('GET / HTTP/1.1\r\n')).kind).toBe('notTls');
    expect(readClientHello(Buffer.from('SSH-2.0-OpenSSH\r\n')).kind).toBe('notTls');
    expect(readClientHello(Buffer.from([0x80, 0x2e, 0x01, 0x00, 0x02])).kind).toBe('sslv2');
    expect(readClientHello(Buffer.alloc(0)).kind).toBe('needMore');
  });

  it('truncated or corrupted lengths are errors, never reads past the end', () => {
    const body = Buffer.from(node);
    const cases: Array<[string, Buffer]> = [
      ['record version', Buffer.from([0x16, 0x02, 0x00, 0x00, 0x10])],
      ['empty record', Buffer.from([0x16, 0x03, 0x01, 0x00, 0x00])],
      ['record too long', Buffer.from([0x16, 0x03, 0x01, 0x40, 0x01])],
      ['not a ClientHello', Buffer.concat([node.subarray(0, 5), Buffer.from([2]), node.subarray(6)])],
      ['alert inside', Buffer.concat([reframe(node, 100).subarray(0, 105), Buffer.from([0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x28])])],
    ];
    for (const [name, bytes] of cases) expect(readClientHello(bytes), name).toMatchObject({ kind: 'error', code: 'WHARF_TLS_HELLO_MALFORMED' });
    // a session id length of 255
    const badSession = Buffer.from(body);
    badSession[5 + 4 + 2 + 32] = 255;
    expect(readClientHello(badSession)).toMatchObject({ kind: 'error', message: expect.stringContaining('legacy_session_id') });
    // the hello message says it is shorter than its record
    const short = Buffer.from(body);
    short.writeUInt16BE(short.readUInt16BE(7) - 10, 7);
    expect(readClientHello(short)).toMatchObject({ kind: 'error', message: expect.stringContaining('bytes after the ClientHello') });
  });

  it('garbage after a handshake byte: every prefix is needMore or an error, never an exception', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    for (let round = 0; round < 300; round++) {
      const bytes = Buffer.from([0x16, 0x03, 0x01, ...Array.from({ length: 2 + random() * 2 }, random)]);
      const mutated = Buffer.from(node);
      mutated[9 + (random() * 3) % (node.length - 9)] = random();
      for (const input of [bytes, mutated]) expect(['needMore', 'error', 'hello']).toContain(readClientHello(input).kind);
    }
  });
});
