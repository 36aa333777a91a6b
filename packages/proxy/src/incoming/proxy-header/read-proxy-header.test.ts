import { SocketAddress, isIP } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MAX_PROXY_HEADER_BYTES, PROXY_HEADER_INVALID, PROXY_HEADER_TOO_LARGE, readProxyHeader } from './read-proxy-header.js';
import { expectHeader as expectWholeHeader } from '../../fixtures/expect-proxy-header.js';

const CLIENT = Buffer.from('GET / HTTP/1.1\r\nHost: a\r\n\r\n');
const bytes = (text: string) => Buffer.from(text, 'latin1');
const nodeIPv6 = (address: string) => new SocketAddress({ address, family: 'ipv6' }).address;

/** every check of `expectHeader`, with this file's client bytes after the header */
const expectHeader = (header: Uint8Array) => expectWholeHeader(header, CLIENT);

const invalid = (text: string, message?: string) =>
  expect(readProxyHeader(bytes(text))).toEqual({ kind: 'error', code: PROXY_HEADER_INVALID, message: message ?? expect.any(String) });

describe('readProxyHeader: signatures', () => {
  it('empty input and prefixes of either signature: needMore', () => {
    for (const text of ['', 'P', 'PROX', 'PROXY', '\r', '\r\n\r\n\0\r\nQUI']) expect(readProxyHeader(bytes(text)).kind, text).toBe('needMore');
  });

  it('none as soon as the bytes cannot be a signature', () => {
    for (const text of ['GET / HTTP/1.1\r\n', 'PX', 'PROXX', 'PROXYTCP4', '\r\n\r\nX', '\r\n\r\n\0\r\nQUIX']) {
      expect(readProxyHeader(bytes(text)).kind, JSON.stringify(text)).toBe('none');
    }
    expect(readProxyHeader(Uint8Array.of(0x16, 0x03, 0x01, 0x02, 0x00, 0x01))).toEqual({ kind: 'none' });
  });
});

describe('readProxyHeader: v1', () => {
  it('TCP4: source address and port, length up to the CRLF', () => {
    const r = expectHeader(bytes('PROXY TCP4 192.0.2.1 198.51.100.7 56324 443\r\n'));
    expect(r).toEqual({ kind: 'header', length: 45, version: 1, source: { address: '192.0.2.1', port: 56324, family: 4 } });
    expect(expectHeader(bytes('PROXY TCP4 0.0.0.0 255.255.255.255 0 65535\r\n')).source).toEqual({ address: '0.0.0.0', port: 0, family: 4 });
  });

  it('TCP6: the source in Node’s canonical form', () => {
    expect(expectHeader(bytes('PROXY TCP6 2001:DB8:0:0:0:0:0:1 ::1 1 2\r\n')).source).toEqual({ address: '2001:db8::1', port: 1, family: 6 });
    expect(expectHeader(bytes('PROXY TCP6 ::FFFF:10.0.0.1 ::1 1 2\r\n')).source?.address).toBe('::ffff:10.0.0.1');
    const longest = `PROXY TCP6 ${'ffff:'.repeat(7)}ffff ${'ffff:'.repeat(7)}ffff 65535 65535\r\n`;
    expect(expectHeader(bytes(longest)).length).toBe(104);
  });

  it('UNKNOWN: no source, the rest of the line ignored', () => {
    expect(expectHeader(bytes('PROXY UNKNOWN\r\n'))).toEqual({ kind: 'header', length: 15, version: 1 });
    expect(expectHeader(bytes('PROXY UNKNOWN ffff::1 ::1  x\x01 9\r\n')).source).toBeUndefined();
    const full = `PROXY UNKNOWN ${'x'.repeat(107 - 16)}\r\n`;
    expect(full.length).toBe(107);
    expect(expectHeader(bytes(full)).length).toBe(107);
  });

  it('no CRLF within 107 bytes', () => {
    const line = `PROXY UNKNOWN ${'x'.repeat(200)}`;
    expect(readProxyHeader(bytes(line.slice(0, 106))).kind).toBe('needMore');
    invalid(line.slice(0, 107), 'PROXY v1 header has no CRLF within 107 bytes');
    invalid(`${line.slice(0, 106)}\r\n`, 'PROXY v1 header has no CRLF within 107 bytes');
  });

  it('a bare LF, or a CR not followed by LF', () => {
    invalid('PROXY TCP4 1.2.3.4 5.6.7.8 1 2\n', 'PROXY v1: LF without CR before it');
    invalid('PROXY TCP4 1.2.3.4 5.6.7.8 1 2\rX', 'PROXY v1: CR not followed by LF');
    expect(readProxyHeader(bytes('PROXY TCP4 1.2.3.4 5.6.7.8 1 2\r')).kind).toBe('needMore');
  });

  it('double, leading and trailing spaces', () => {
    invalid('PROXY TCP4  1.2.3.4 5.6.7.8 1 2\r\n', 'PROXY v1: fields must be separated by exactly one space: "PROXY TCP4  1.2.3.4 5.6.7.8 1 2"');
    invalid('PROXY  TCP4 1.2.3.4 5.6.7.8 1 2\r\n');
    invalid('PROXY TCP4 1.2.3.4 5.6.7.8 1 2 \r\n');
    invalid('PROXY \r\n');
  });

  it('unknown protocol token', () => {
    invalid('PROXY TCP5 1.2.3.4 5.6.7.8 1 2\r\n', 'PROXY v1: unknown protocol "TCP5" (not TCP4, TCP6 or UNKNOWN)');
    invalid('PROXY tcp4 1.2.3.4 5.6.7.8 1 2\r\n');
    invalid('PROXY UNKNOWNX\r\n');
    invalid('PROXY UDP4 1.2.3.4 5.6.7.8 1 2\r\n');
  });

  it('missing or extra fields', () => {
    invalid('PROXY TCP4 1.2.3.4 5.6.7.8 1\r\n', 'PROXY v1: TCP4 takes 4 fields (addresses, ports), got 3');
    invalid('PROXY TCP4 1.2.3.4 5.6.7.8 1 2 3\r\n');
    invalid('PROXY TCP6\r\n');
  });

  it('IPv4 addresses: strict dotted quads only', () => {
    invalid('PROXY TCP4 1.2.3.256 5.6.7.8 1 2\r\n', 'PROXY v1: bad source address "1.2.3.256" for TCP4');
    invalid('PROXY TCP4 1.2.3.4 05.6.7.8 1 2\r\n', 'PROXY v1: bad destination address "05.6.7.8" for TCP4');
    for (const address of ['01.2.3.4', '1.2.3.00', '1.2.3', '1..2.3', '1.2.3.4.5', '.1.2.3', '1.2.3.4.', '0x1.2.3.4', '+1.2.3.4', '1.2.3.-4']) {
      invalid(`PROXY TCP4 ${address} 5.6.7.8 1 2\r\n`, `PROXY v1: bad source address "${address}" for TCP4`);
    }
  });

  it('an IPv6 address under TCP4, an IPv4 one under TCP6', () => {
    invalid('PROXY TCP4 ::1 5.6.7.8 1 2\r\n', 'PROXY v1: bad source address "::1" for TCP4');
    invalid('PROXY TCP4 1.2.3.4 ::ffff:5.6.7.8 1 2\r\n');
    invalid('PROXY TCP6 1.2.3.4 ::1 1 2\r\n', 'PROXY v1: bad source address "1.2.3.4" for TCP6');
    invalid('PROXY TCP6 ::1 5.6.7.8 1 2\r\n', 'PROXY v1: bad destination address "5.6.7.8" for TCP6');
  });

  it('IPv6 addresses: no zone id, brackets, extra colons or groups', () => {
    for (const address of ['fe80::1%eth0', '[::1]', '1:::2', '1::2::3', ':1::2', '1::2:', '12345::', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1::2:3:4:5:6:7:8', '::1.2.3', '::01.2.3.4', '1.2.3.4::', '::1.2.3.4:1', 'g::1']) {
      invalid(`PROXY TCP6 ${address} ::1 1 2\r\n`, `PROXY v1: bad source address "${address}" for TCP6`);
    }
  });

  it('ports: 0-65535, no leading zero, no sign', () => {
    invalid('PROXY TCP4 1.2.3.4 5.6.7.8 65536 2\r\n', 'PROXY v1: bad source port "65536"');
    invalid('PROXY TCP4 1.2.3.4 5.6.7.8 1 080\r\n', 'PROXY v1: bad destination port "080"');
    for (const port of ['00', '01', '+1', '-1', '123456', '99999', '1e3', '0x10', '٣']) invalid(`PROXY TCP4 1.2.3.4 5.6.7.8 ${port} 2\r\n`);
  });

  it('messages quote at most 40 characters of the input, non-printable bytes escaped', () => {
    const r = readProxyHeader(bytes(`PROXY ${'A'.repeat(60)} 1.2.3.4 5.6.7.8 1 2\r\n`));
    expect(r).toMatchObject({ kind: 'error', message: `PROXY v1: unknown protocol "${'A'.repeat(40)}"… (not TCP4, TCP6 or UNKNOWN)` });
    invalid('PROXY TCP4 1.2.3.4\x00\xff" 5.6.7.8 1 2\r\n', 'PROXY v1: bad source address "1.2.3.4\\x00\\xff\\x22" for TCP4');
  });
});

describe('readProxyHeader: IPv6 text as Node prints it', () => {
  const cases: [string, string][] = [
    ['0:0:0:0:0:0:0:0', '::'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['1:0:0:1:0:0:0:1', '1:0:0:1::1'],
    ['1:0:0:1:0:0:1:1', '1::1:0:0:1:1'],
    ['0:0:0:0:0:ffff:a00:1', '::ffff:10.0.0.1'],
    ['1:2:3:4:5:6:0:8', '1:2:3:4:5:6:0:8'],
    ['1:0:2:3:4:5:6:7', '1:0:2:3:4:5:6:7'],
    ['1:2:3:4:5:6:7:0', '1:2:3:4:5:6:7:0'],
    ['1::', '1::'],
    ['ABCD:EF01::', 'abcd:ef01::'],
    ['0:0:0:0:0:0:102:304', '::1.2.3.4'],
    ['::ffff:0:1.2.3.4', '::ffff:0:102:304'],
  ];
  it.each(cases)('%s → %s', (input, expected) => {
    expect(nodeIPv6(input)).toBe(expected);
    const r = readProxyHeader(bytes(`PROXY TCP6 ${input} ::1 1 2\r\n`));
    expect(r).toMatchObject({ kind: 'header', source: { address: expected, family: 6 } });
  });

  it('accepts exactly what Node’s isIP takes as IPv6 (no zone ids), and formats it as Node does', () => {
    const tokens = ['0', '1', 'ff', 'FFFF', '12345', 'abcd', ':', '::', '.', '1.2.3.4', '01', '255', '256', 'g', '::ffff:'];
    const random = seeded(7);
    for (let n = 0; n < 5000; n++) {
      let text = '';
      for (let k = 1 + Math.floor(random() * 8); k > 0; k--) text += tokens[Math.floor(random() * tokens.length)];
      const r = readProxyHeader(bytes(`PROXY TCP6 ${text} ::1 1 2\r\n`));
      if (isIP(text) !== 6) expect(r.kind, text).toBe('error');
      else expect(r, text).toMatchObject({ kind: 'header', source: { address: nodeIPv6(text) } });
    }
  });
});

describe('readProxyHeader on hostile bytes', () => {
  it('2,000 random inputs up to 200 bytes: never throws, only the documented answers', () => {
    const random = seeded(42);
    const starts = [Buffer.alloc(0), bytes('PROXY '), bytes('PROXY TCP4 '), bytes('\r\n\r\n\0\r\nQUIT\n'), bytes('\r\n\r\n\0\r\nQUIT\n\x21\x11\x00\x0c')];
    for (let n = 0; n < 2000; n++) {
      const tail = Buffer.from(Array.from({ length: Math.floor(random() * 200) }, () => (random() < 0.3 ? ' \r\n.:0123456789'.charCodeAt(Math.floor(random() * 15)) : Math.floor(random() * 256))));
      const data = Buffer.concat([starts[n % starts.length]!, tail]).subarray(0, 200);
      const r = readProxyHeader(data);
      if (r.kind === 'header') {
        expect(r.length).toBeGreaterThan(0);
        expect(r.length).toBeLessThanOrEqual(Math.min(data.length, MAX_PROXY_HEADER_BYTES));
        expect(readProxyHeader(data.subarray(0, r.length))).toEqual(r);
      } else if (r.kind === 'error') {
        expect([PROXY_HEADER_INVALID, PROXY_HEADER_TOO_LARGE]).toContain(r.code);
        expect(r.message.length).toBeLessThan(160);
      } else expect(['needMore', 'none']).toContain(r.kind);
    }
  });
});

/** mulberry32: a small deterministic PRNG, so a failure reproduces. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
