import { describe, expect, it } from 'vitest';
import { request } from '../fixtures/request.js';
import { parseRule } from '../parse-rule.js';

describe('Host', () => {
  it.each([
    ['example.com', 'example.com', true],
    ['Example.COM', 'example.com', true],
    ['example.com.', 'example.com', true],
    ['example.com', 'www.example.com', false],
    ['example.com', 'example.org', false],
    ['example.com', '', false],
    ['*.example.com', 'a.example.com', true],
    ['*.example.com', 'api-1.example.com', true],
    ['*.Example.com.', 'a.example.com', true],
    ['*.example.com', 'a.b.example.com', false],
    ['*.example.com', 'example.com', false],
    ['*.example.com', '.example.com', false],
    ['*.example.com', 'aexample.com', false],
    ['*', 'anything.at.all', true],
    ['*', '', true],
    ['127.0.0.1', '127.0.0.1', true],
    ['::1', '::1', true],
    ['[::1]', '::1', true],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example', true],
  ])('Host(`%s`) on %j → %s', (arg, host, expected) => {
    expect(parseRule(`Host(\`${arg}\`)`).matcher(request({ host }))).toBe(expected);
  });

  it.each(['bücher.example', 'a.*.example.com', '*example.com', 'example.*'])('rejects Host(`%s`)', (arg) => {
    expect(() => parseRule(`Host(\`${arg}\`)`)).toThrow(/WHARF_RULE_SYNTAX|Host:/);
  });

  it.each([
    ['Host(`example.com`)', ['example.com']],
    ['Host(`Example.com.`)', ['example.com']],
    ['Host(`a.com`) && Path(`/x`)', ['a.com']],
    ['Path(`/x`) && Host(`a.com`)', ['a.com']],
    ['Host(`a.com`) || Host(`b.com`)', ['a.com', 'b.com']],
    ['(Host(`a.com`) || Host(`b.com`)) && Host(`b.com`)', ['b.com']],
    ['Host(`a.com`) && Host(`b.com`)', []],
    ['Host(`a.com`) || Path(`/x`)', null],
    ['!Host(`a.com`)', null],
    ['Host(`*`)', null],
    ['Host(`*.a.com`)', null],
    ['HostRegexp(`^a\\.com$`)', null],
    ['Path(`/x`)', null],
    ['Host(`*.a.com`) && Host(`b.a.com`)', ['b.a.com']],
  ])('%s indexes hosts %j', (rule, hosts) => {
    expect(parseRule(rule).hosts).toEqual(hosts);
  });

  it('exposes wildcard host keys for the parent-domain index', () => {
    expect(parseRule('Host(`*.a.com`)').hostKeys).toEqual(['*.a.com']);
    expect(parseRule('Host(`*.a.com`) || Host(`a.com`)').hostKeys).toEqual(['*.a.com', 'a.com']);
    expect(parseRule('Host(`*`)').hostKeys).toBeNull();
  });

  it("lists every Host value as domains (Traefik's ParseDomains), under || and ! too, not HostRegexp", () => {
    expect(parseRule('Host(`A.com`) || PathPrefix(`/x`)').domains).toEqual(['a.com']);
    expect(parseRule('!Host(`b.com`) && (Host(`c.com`) || HostRegexp(`^d\\.com$`))').domains).toEqual(['b.com', 'c.com']);
    expect(parseRule('Host(`a.com`, `e.com`) || HostHeader(`f.com`)', 'v2').domains).toEqual(['a.com', 'e.com', 'f.com']);
    expect(parseRule('PathPrefix(`/`)').domains).toEqual([]);
  });
});

describe('HostRegexp', () => {
  it.each([
    ['^[a-z]+\\.example\\.com$', 'api.example.com', true],
    ['^[a-z]+\\.example\\.com$', 'api2.example.com', false],
    ['example', 'www.example.com.evil', true], // unanchored
    ['^example\\.com$', 'example.com', true],
    ['(?i)^EXAMPLE\\.com$', 'example.com', true],
    ['^EXAMPLE\\.com$', 'example.com', false], // the host is lower-case, the regexp is not
    ['^(?P<sub>[a-z]+)\\.example\\.com$', 'a.example.com', true],
    ['{sub:[a-z]+}.example.com', 'a.example.com', false], // v2 placeholders are literal in v3
  ])('HostRegexp(`%s`) on %j → %s', (re, host, expected) => {
    expect(parseRule(`HostRegexp(\`${re}\`)`).matcher(request({ host }))).toBe(expected);
  });

  it('rejects non-ASCII patterns (punycode only, as Traefik)', () => {
    expect(() => parseRule('HostRegexp(`^bücher\\.example$`)')).toThrow(/punycode/);
  });
});
