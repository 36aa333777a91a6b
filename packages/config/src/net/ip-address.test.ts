import { describe, expect, it } from 'vitest';
import { parseIpAddress, parseIPv4, parseIPv6, parseIpRange, rangeContains } from './ip-address.js';

describe('ip addresses', () => {
  it.each([
    ['0.0.0.0', 0],
    ['1.2.3.4', 0x01020304],
    ['255.255.255.255', 0xffffffff],
    ['10.0.0.10', 0x0a00000a],
  ])('parseIPv4(%s)', (text, value) => {
    expect(parseIPv4(text)).toBe(value);
  });

  it.each(['', '1.2.3', '1.2.3.4.5', '1..3.4', '256.1.1.1', '01.2.3.4', '1.2.3.4 ', 'a.b.c.d', '1.2.3.', '.1.2.3', '1000.1.1.1'])(
    'parseIPv4(%j) is invalid',
    (text) => {
      expect(parseIPv4(text)).toBeNull();
    },
  );

  it.each([
    ['::', 0n],
    ['::1', 1n],
    ['1::', 1n << 112n],
    ['2001:db8::8a2e:370:7334', 0x20010db8000000000000_8a2e03707334n],
    ['1:2:3:4:5:6:7:8', 0x00010002000300040005000600070008n],
    ['::ffff:1.2.3.4', 0xffff01020304n],
    ['1:2:3:4:5:6:1.2.3.4', 0x00010002000300040005000601020304n],
    ['fe80::1%eth0', 0xfe800000000000000000000000000001n],
  ])('parseIPv6(%s)', (text, value) => {
    expect(parseIPv6(text)).toBe(value);
  });

  it.each(['1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1::2::3', '12345::', 'g::', '::1.2.3', '1:2:3:4:5:6:7:1.2.3.4'])(
    'parseIPv6(%s) is invalid',
    (text) => {
      expect(parseIPv6(text)).toBeNull();
    },
  );

  it('treats IPv4-mapped addresses as IPv4', () => {
    expect(parseIpAddress('::ffff:10.0.0.1')).toEqual({ family: 4, value: 0x0a000001 });
    expect(parseIpAddress('::ffff:a00:1')).toEqual({ family: 4, value: 0x0a000001 });
    expect(parseIpAddress('::a00:1')).toEqual({ family: 6, value: 0x0a000001n });
  });

  it('masks host bits and keeps short mapped prefixes as IPv6', () => {
    expect(parseIpRange('10.1.2.3/8')).toEqual({ family: 4, network: 0x0a000000, mask: 0xff000000 });
    expect(parseIpRange('::ffff:10.0.0.0/104')).toEqual({ family: 4, network: 0x0a000000, mask: 0xff000000 });
    const wide = parseIpRange('::ffff:0.0.0.0/80');
    expect(wide?.family).toBe(6);
    expect(rangeContains(wide!, { family: 4, value: 1 })).toBe(false);
  });
});
