import { describe, expect, it } from 'vitest';
import { isRuleSyntaxError } from '../errors.js';
import { compareTcpRoutes, parseTcpRule, tcpPriority } from './parse-tcp-rule.js';
import type { TcpConnectionInfo } from './tcp-matchers.js';

const conn = (over: Partial<TcpConnectionInfo> = {}): TcpConnectionInfo => ({ sni: '', alpn: [], clientIp: '10.0.0.1', tls: false, ...over });

/** The contract table: rule, connection, expected match. */
const cases: Array<[string, Partial<TcpConnectionInfo>, boolean]> = [
  ['HostSNI(`*`)', {}, true],
  ['HostSNI(`*`)', { sni: 'a.example.com', tls: true }, true],
  ['HostSNI(`example.com`)', { sni: 'example.com', tls: true }, true],
  ['HostSNI(`Example.COM`)', { sni: 'example.com', tls: true }, true],
  ['HostSNI(`example.com.`)', { sni: 'example.com', tls: true }, true],
  ['HostSNI(`example.com`)', { sni: 'other.com', tls: true }, false],
  ['HostSNI(`example.com`)', {}, false],
  ['HostSNI(`*.example.com`)', { sni: 'foo.example.com' }, true],
  ['HostSNI(`*.example.com`)', { sni: 'a.b.example.com' }, false],
  ['HostSNI(`*.example.com`)', { sni: 'example.com' }, false],
  ['HostSNI(`*.example.com`)', { sni: '.example.com' }, false],
  ['HostSNIRegexp(`^[a-z]+\\.example\\.com$`)', { sni: 'foo.example.com' }, true],
  ['HostSNIRegexp(`^[a-z]+\\.example\\.com$`)', { sni: 'f0.example.com' }, false],
  ['ClientIP(`10.0.0.1`)', {}, true],
  ['ClientIP(`10.0.0.0/8`)', { clientIp: '::ffff:10.9.9.9' }, true],
  ['ClientIP(`192.168.0.0/16`)', {}, false],
  ['ClientIP(`::1`)', { clientIp: '::1' }, true],
  ['ALPN(`h2`)', { alpn: ['http/1.1', 'h2'] }, true],
  ['ALPN(`h2`)', { alpn: ['http/1.1'] }, false],
  ['HostSNI(`a.com`) && ALPN(`h2`)', { sni: 'a.com', alpn: ['h2'] }, true],
  ['HostSNI(`a.com`) && ALPN(`h2`)', { sni: 'a.com' }, false],
  ['HostSNI(`a.com`) || HostSNI(`b.com`)', { sni: 'b.com' }, true],
  ['!ClientIP(`10.0.0.0/8`)', {}, false],
  ['!ClientIP(`10.0.0.0/8`)', { clientIp: '1.2.3.4' }, true],
  ['(HostSNI(`a.com`) || HostSNI(`b.com`)) && !ALPN(`h2`)', { sni: 'a.com', alpn: ['h2'] }, false],
  ['(HostSNI(`a.com`) || HostSNI(`b.com`)) && !ALPN(`h2`)', { sni: 'a.com' }, true],
];

describe('TCP rules', () => {
  it.each(cases)('%s on %j → %s', (rule, over, expected) => {
    expect(parseTcpRule(rule).match(conn(over))).toBe(expected);
  });

  it.each([
    ['Host(`a.com`)', 'unsupported TCP matcher'],
    ['HostSNI(`a.com`, `b.com`)', 'unexpected number of parameters; got 2, expected 1'],
    ['HostSNI(`a b`)', 'not a valid hostname'],
    ['ALPN(`acme-tls/1`)', '"acme-tls/1" is not allowed'],
    ['ClientIP(`10.0.0.0/40`)', 'not an IP address or CIDR'],
    ['HostSNIRegexp(`(`)', 'HostSNIRegexp'],
    ['HostSNI(`a.com`) &&', ''],
  ])('rejects %s', (rule, message) => {
    let caught: unknown;
    try {
      parseTcpRule(rule);
    } catch (err) {
      caught = err;
    }
    expect(isRuleSyntaxError(caught)).toBe(true);
    if (message !== 'HostSNIRegexp') expect((caught as Error).message).toContain(message);
  });

  it('collects HostSNI values for the "needs tls" check', () => {
    expect(parseTcpRule('HostSNI(`*`) || (HostSNI(`a.com`) && ClientIP(`::1`))').hostSNIs).toEqual(['*', 'a.com']);
  });

  it('flags exactly one HostSNI(`*`) as the catch-all, as Traefik\'s muxer does (rule tree, not text)', () => {
    expect(parseTcpRule('HostSNI(`*`)').catchAll).toBe(true);
    expect(parseTcpRule('HostSNI("*")').catchAll).toBe(true);
    expect(parseTcpRule('(HostSNI(`*`))').catchAll).toBe(true);
    expect(parseTcpRule('HostSNI(`*`) && ClientIP(`10.0.0.0/8`)').catchAll).toBe(false);
    expect(parseTcpRule('HostSNI(`a.com`)').catchAll).toBe(false);
    expect(parseTcpRule('!HostSNI(`*`)').catchAll).toBe(false);
  });

  it('compiles long chains without deep recursion', () => {
    const rule = Array.from({ length: 5000 }, (_, i) => `ClientIP(\`10.0.${i % 250}.1\`)`).join(' || ');
    expect(parseTcpRule(rule).match(conn({ clientIp: '10.0.3.1' }))).toBe(true);
  });

  it('priority: rule length, HostSNI(`*`) → -1, explicit wins; ties by name', () => {
    expect(tcpPriority(undefined, 'HostSNI(`a.com`)')).toBe(16);
    expect(tcpPriority(0, 'HostSNI(`*`)')).toBe(-1);
    expect(tcpPriority(undefined, 'HostSNI(`*`) ')).toBe(13);
    expect(tcpPriority(7, 'HostSNI(`*`)')).toBe(7);
    const routes = [{ name: 'b', priority: 1 }, { name: 'a', priority: 1 }, { name: 'c', priority: 5 }];
    expect(routes.sort(compareTcpRoutes).map((r) => r.name)).toEqual(['c', 'a', 'b']);
  });
});
