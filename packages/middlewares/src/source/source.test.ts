import { describe, expect, it } from 'vitest';
import { fakeExchange } from '../testing/exchange.js';
import { compileIPRanges } from './ip-range.js';
import { compileIPStrategy } from './ip-strategy.js';
import { compileSourceCriterion } from './source-criterion.js';

describe('compileIPRanges', () => {
  const m = compileIPRanges(['192.168.1.0/24', '10.0.0.7', '2001:db8::/32'], 't');
  it.each([
    ['192.168.1.77', true], ['::ffff:192.168.1.5', true], ['192.168.2.1', false], ['10.0.0.7', true], ['10.0.0.8', false],
    ['2001:db8:1::1', true], ['2001:db9::1', false], ['garbage', false], ['[2001:db8::5]', true], ['fe80::1%eth0', false],
  ])('%s → %s', (ip, ok) => expect(m.contains(ip)).toBe(ok));
  it('rejects invalid ranges with a coded error', () => {
    expect(() => compileIPRanges(['300.1.1.1'], 't')).toThrow(expect.objectContaining({ code: 'WHARF_MIDDLEWARE_OPTIONS' }));
    expect(() => compileIPRanges(['10.0.0.0/33'], 't')).toThrow();
    expect(() => compileIPRanges(['10.0.0.0/8x'], 't')).toThrow();
  });
  it('matches mapped ranges as IPv4, like Go', () => {
    expect(compileIPRanges(['::ffff:10.0.0.0/104'], 't').contains('10.1.2.3')).toBe(true);
    expect(compileIPRanges(['fe80::/10'], 't').contains('fe80::1%eth0')).toBe(true);
  });
});

describe('ipStrategy', () => {
  const ex = fakeExchange({ clientIP: '127.0.0.1', headers: { 'x-forwarded-for': '1.1.1.1, 2.2.2.2, 3.3.3.3' } });
  it.each([
    [undefined, '127.0.0.1'], [{ depth: 1 }, '3.3.3.3'], [{ depth: 3 }, '1.1.1.1'], [{ depth: 4 }, ''],
    [{ excludedIPs: ['3.3.3.3', '2.2.2.0/24'] }, '1.1.1.1'], [{ excludedIPs: ['9.9.9.9'] }, '3.3.3.3'],
  ])('%j → %s', (strategy, ip) => expect(compileIPStrategy(strategy, 't')(ex)).toBe(ip));
  it('masks IPv6 to ipv6Subnet', () => {
    const v6 = fakeExchange({ clientIP: '2001:db8:85a3:8d3:1319:8a2e:370:7348' });
    expect(compileIPStrategy({ ipv6Subnet: 64 }, 't')(v6)).toBe('2001:db8:85a3:8d3:0:0:0:0');
  });
});

describe('sourceCriterion', () => {
  const ex = fakeExchange({ host: 'A.example.com', clientIP: '10.1.1.1', headers: { 'x-user': 'u1' } });
  it('defaults to the socket IP; header and host variants', () => {
    expect(compileSourceCriterion(undefined, 't')(ex)).toBe('10.1.1.1');
    expect(compileSourceCriterion({ requestHeaderName: 'X-User' }, 't')(ex)).toBe('u1');
    expect(compileSourceCriterion({ requestHost: true }, 't')(ex)).toBe('a.example.com');
  });
});
