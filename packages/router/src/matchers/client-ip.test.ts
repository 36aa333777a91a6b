import { describe, expect, it } from 'vitest';
import { request } from '../fixtures/request.js';
import { parseRule } from '../parse-rule.js';

describe('ClientIP', () => {
  it.each([
    ['10.0.0.1', '10.0.0.1', true],
    ['10.0.0.1', '10.0.0.2', false],
    ['10.0.0.0/8', '10.255.1.2', true],
    ['10.0.0.0/8', '11.0.0.1', false],
    ['10.1.2.3/8', '10.9.9.9', true], // host bits are ignored, as Go's ParseCIDR masks them
    ['0.0.0.0/0', '203.0.113.9', true],
    ['192.168.1.0/24', '192.168.1.255', true],
    ['192.168.1.0/24', '192.168.2.0', false],
    ['192.168.1.128/25', '192.168.1.127', false],
    ['10.0.0.0/8', '::ffff:10.1.2.3', true], // IPv4-mapped IPv6 socket address
    ['10.0.0.1', '::ffff:10.0.0.1', true],
    ['10.0.0.0/8', '::ffff:a01:203', true], // mapped, hex form
    ['::ffff:10.0.0.0/104', '10.20.30.40', true], // mapped CIDR = IPv4 /8
    ['10.0.0.0/8', '::1', false],
    ['::1', '::1', true],
    ['::1', '0:0:0:0:0:0:0:1', true],
    ['2001:db8::/32', '2001:db8:1::7', true],
    ['2001:db8::/32', '2001:db9::1', false],
    ['2001:DB8::/32', '2001:db8::1', true],
    ['fe80::/10', 'fe80::1%eth0', true],
    ['::/0', '2001:db8::1', true],
    ['::/0', '10.0.0.1', false], // like Go: an IPv6 range does not contain IPv4 clients
    ['10.0.0.1', 'not-an-ip', false],
    ['10.0.0.1', '', false],
  ])('ClientIP(`%s`) from %s → %s', (arg, clientIP, expected) => {
    expect(parseRule(`ClientIP(\`${arg}\`)`).matcher(request({ clientIP }))).toBe(expected);
  });

  it('ignores forwarding headers', () => {
    const rule = parseRule('ClientIP(`10.0.0.0/8`)');
    expect(rule.matcher(request({ clientIP: '8.8.8.8', headers: { 'x-forwarded-for': '10.0.0.1' } }))).toBe(false);
  });

  it.each(['10.0.0', '10.0.0.0/33', '256.0.0.1', '2001:db8::/129', 'example.com', '10.0.0.0/', '1::2::3', '01.2.3.4'])(
    'rejects ClientIP(`%s`)',
    (arg) => {
      expect(() => parseRule(`ClientIP(\`${arg}\`)`)).toThrow(/invalid IP address or CIDR/);
    },
  );
});
