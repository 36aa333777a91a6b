import { SocketAddress } from 'node:net';
import { describe, expect, it } from 'vitest';
import { proxyHeaderV1, proxyHeaderV2, type ProxiedAddresses } from '../../tcp/proxy-protocol.js';
import { PROXY_HEADER_INVALID, PROXY_HEADER_TOO_LARGE, readProxyHeader } from './read-proxy-header.js';
import { expectHeader as expectWholeHeader } from '../../fixtures/expect-proxy-header.js';

const SIGNATURE = [0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a];
const CLIENT = Buffer.from('\x16\x03\x01\x00\x05hello');
/** A v2 header: fixed part, then `body` (address block and TLVs); `length` overrides the length field. */
const v2 = (verCmd: number, fam: number, body: number[], length = body.length) =>
  Uint8Array.from([...SIGNATURE, verCmd, fam, length >> 8, length & 0xff, ...body]);
const port = (n: number) => [n >> 8, n & 0xff];
const zeros = (n: number) => new Array<number>(n).fill(0);
/** Two TLVs: PP2_TYPE_AUTHORITY "example.com" and a 3-byte PP2_TYPE_NOOP. */
const TLVS = [0x02, 0x00, 0x0b, ...Buffer.from('example.com'), 0x04, 0x00, 0x03, 0xff, 0x00, 0x0d];
const INET = [192, 0, 2, 1, 198, 51, 100, 7, ...port(56324), ...port(443)];
const INET6 = [0x20, 0x01, 0x0d, 0xb8, ...zeros(11), 0x01, ...zeros(15), 0x01, ...port(8080), ...port(443)];

/** every check of `expectHeader`, with this file's client bytes after the header */
const expectHeader = (header: Uint8Array) => expectWholeHeader(header, CLIENT);

const invalid = (data: Uint8Array, message?: string) =>
  expect(readProxyHeader(data)).toEqual({ kind: 'error', code: PROXY_HEADER_INVALID, message: message ?? expect.any(String) });

describe('readProxyHeader: v2', () => {
  it('PROXY over INET/STREAM: IPv4 source and port', () => {
    expect(expectHeader(v2(0x21, 0x11, INET))).toEqual({ kind: 'header', length: 28, version: 2, source: { address: '192.0.2.1', port: 56324, family: 4 } });
  });

  it('PROXY over INET6/STREAM: IPv6 source in Node’s form', () => {
    expect(expectHeader(v2(0x21, 0x21, INET6))).toEqual({ kind: 'header', length: 52, version: 2, source: { address: '2001:db8::1', port: 8080, family: 6 } });
    const mapped = [...zeros(10), 0xff, 0xff, 10, 0, 0, 1, ...zeros(16), ...port(1), ...port(2)];
    expect(expectHeader(v2(0x21, 0x21, mapped)).source).toEqual({ address: '::ffff:10.0.0.1', port: 1, family: 6 });
  });

  it('TLVs after the address block are skipped and counted in length', () => {
    expect(expectHeader(v2(0x21, 0x11, [...INET, ...TLVS]))).toMatchObject({ length: 16 + 12 + TLVS.length, source: { address: '192.0.2.1' } });
    expect(expectHeader(v2(0x21, 0x21, [...INET6, ...TLVS])).length).toBe(16 + 36 + TLVS.length);
  });

  it('LOCAL, UNSPEC, UNIX and DGRAM: a header without source', () => {
    const bare = (data: Uint8Array) => expect(expectHeader(data)).toEqual({ kind: 'header', length: data.length, version: 2 });
    bare(v2(0x20, 0x00, []));
    bare(v2(0x20, 0x11, [...INET, ...TLVS]));
    // LOCAL discards its address block, even one shorter than its family's (HAProxy's receivers accept it)
    bare(v2(0x20, 0x11, []));
    bare(v2(0x20, 0x21, INET));
    bare(v2(0x21, 0x00, TLVS));
    bare(v2(0x21, 0x31, zeros(216)));
    bare(v2(0x21, 0x32, [...zeros(216), ...TLVS]));
    bare(v2(0x21, 0x12, INET));
    bare(v2(0x21, 0x22, INET6));
  });

  it('unsupported version, checked from the 13th byte', () => {
    invalid(v2(0x31, 0x11, INET).subarray(0, 13), 'PROXY v2: unsupported version 0x3');
    invalid(v2(0x11, 0x11, INET), 'PROXY v2: unsupported version 0x1');
    invalid(v2(0x01, 0x11, INET));
  });

  it('unknown command', () => {
    invalid(v2(0x22, 0x11, INET).subarray(0, 13), 'PROXY v2: unknown command 0x2 (not LOCAL or PROXY)');
    invalid(v2(0x2f, 0x11, INET));
  });

  it('unknown address family or transport, checked from the 14th byte', () => {
    invalid(v2(0x21, 0x41, INET).subarray(0, 14), 'PROXY v2: unknown address family 0x4');
    invalid(v2(0x21, 0xf1, INET));
    invalid(v2(0x21, 0x13, INET), 'PROXY v2: unknown transport 0x3');
    invalid(v2(0x20, 0x0f, []));
  });

  it('UNSPEC family with a transport, or a family without one (the spec’s undefined pairs)', () => {
    invalid(v2(0x21, 0x10, INET), 'PROXY v2: address family and transport 0x10 are not a valid pair');
    invalid(v2(0x21, 0x01, []));
    invalid(v2(0x20, 0x30, zeros(216)));
  });

  it('PROXY with a length below the family’s address block, refused from the length field', () => {
    invalid(v2(0x21, 0x11, INET, 11).subarray(0, 16), 'PROXY v2: INET needs a 12-byte address block, the header has 11 bytes');
    invalid(v2(0x21, 0x21, INET6, 35).subarray(0, 16), 'PROXY v2: INET6 needs a 36-byte address block, the header has 35 bytes');
    invalid(v2(0x21, 0x31, [], 215), 'PROXY v2: UNIX needs a 216-byte address block, the header has 215 bytes');
  });

  it('more than 4096 bytes: TOO_LARGE from the length field, before the bytes arrive', () => {
    const tooLarge = (length: number) => ({ kind: 'error', code: PROXY_HEADER_TOO_LARGE, message: `PROXY v2 header of ${16 + length} bytes exceeds 4096` });
    expect(readProxyHeader(v2(0x21, 0x11, [], 4081))).toEqual(tooLarge(4081));
    expect(readProxyHeader(v2(0x20, 0x00, [], 0xffff))).toEqual(tooLarge(0xffff));
    const largest = v2(0x21, 0x11, [...INET, ...zeros(4080 - 12)]);
    expect(largest.length).toBe(4096);
    expect(readProxyHeader(largest.subarray(0, 4095)).kind).toBe('needMore');
    expect(readProxyHeader(largest)).toMatchObject({ kind: 'header', length: 4096, source: { port: 56324 } });
  });

  it('IPv6 formatting of random addresses matches Node', () => {
    let seed = 9;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 1000; n++) {
      const groups = Array.from({ length: 8 }, (_, i) => (random() < 0.6 ? 0 : i === 5 && random() < 0.5 ? 0xffff : Math.floor(random() * 0x10000)));
      const r = readProxyHeader(v2(0x21, 0x21, [...groups.flatMap(port), ...zeros(16), ...port(1), ...port(2)]));
      const expected = new SocketAddress({ address: groups.map((g) => g.toString(16)).join(':'), family: 'ipv6' }).address;
      expect(r, groups.join(':')).toMatchObject({ kind: 'header', source: { address: expected } });
    }
  });
});

describe('wharf’s own PROXY headers (tcp/proxy-protocol) parse back', () => {
  const v4: ProxiedAddresses = { sourceAddress: '192.0.2.1', sourcePort: 56324, destinationAddress: '198.51.100.7', destinationPort: 443 };
  const v6: ProxiedAddresses = { sourceAddress: '2001:db8::1', sourcePort: 8080, destinationAddress: '::1', destinationPort: 443 };

  it('v1 over IPv4 and IPv6', () => {
    expect(expectHeader(proxyHeaderV1(v4))).toMatchObject({ version: 1, source: { address: '192.0.2.1', port: 56324, family: 4 } });
    expect(expectHeader(proxyHeaderV1(v6))).toMatchObject({ version: 1, source: { address: '2001:db8::1', port: 8080, family: 6 } });
    expect(expectHeader(proxyHeaderV1({ ...v4, sourceAddress: '::ffff:192.0.2.1' })).source?.address).toBe('192.0.2.1');
    expect(expectHeader(proxyHeaderV1({ ...v4, destinationAddress: '::1' })).source).toBeUndefined();
  });

  it('v2 over IPv4 and IPv6 (a mixed pair as IPv4-mapped IPv6)', () => {
    expect(expectHeader(proxyHeaderV2(v4))).toMatchObject({ version: 2, source: { address: '192.0.2.1', port: 56324, family: 4 } });
    expect(expectHeader(proxyHeaderV2(v6))).toMatchObject({ version: 2, source: { address: '2001:db8::1', port: 8080, family: 6 } });
    expect(expectHeader(proxyHeaderV2({ ...v6, sourceAddress: '192.0.2.1' })).source).toEqual({ address: '::ffff:192.0.2.1', port: 8080, family: 6 });
    expect(expectHeader(proxyHeaderV2({ ...v4, sourceAddress: 'not-an-ip' }))).toEqual({ kind: 'header', length: 16, version: 2 });
  });
});
