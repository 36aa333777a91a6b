import { describe, expect, it } from 'vitest';
import { request } from '../fixtures/request.js';
import { parseRule } from '../parse-rule.js';
import type { MatchRequest } from '../types.js';

const v2 = (rule: string) => parseRule(rule, 'v2');

describe('ruleSyntax v2', () => {
  it.each<[string, Partial<MatchRequest>, boolean]>([
    ['Host(`a.com`, `b.com`)', { host: 'b.com' }, true],
    ['Host(`a.com`, `b.com`)', { host: 'c.com' }, false],
    ['Host(`A.com.`)', { host: 'a.com' }, true],
    ['Host(`*.a.com`)', { host: 'x.a.com' }, false], // no wildcards in v2
    ['HostHeader(`a.com`, `b.com`)', { host: 'a.com' }, true],
    ['hostheader(`a.com`)', { host: 'a.com' }, true],
    ['HostRegexp(`{sub:[a-z]+}.example.com`)', { host: 'api.example.com' }, true],
    ['HostRegexp(`{sub:[a-z]+}.example.com`)', { host: 'api.example.com.evil' }, false], // anchored
    ['HostRegexp(`{sub:[a-z]+}.example.com`)', { host: 'a1.example.com' }, false],
    ['HostRegexp(`{sub:[a-z]+}.example.com`)', { host: 'apixexample.com' }, false], // literal dot quoted
    ['HostRegexp(`{sub}.Example.com`)', { host: 'x.example.com' }, true], // default [^.]+, literal lower-cased
    ['HostRegexp(`{sub}.example.com`)', { host: 'x.y.example.com' }, false],
    ['HostRegexp(`example.com`, `{x:.*}.example.org`)', { host: 'a.b.example.org' }, true],
    ['HostRegexp(`{n:[0-9]{2}}.example.com`)', { host: '12.example.com' }, true], // nested braces
    ['Path(`/a`, `/b`)', { path: '/b' }, true],
    ['Path(`/a`, `/b`)', { path: '/ab' }, false],
    ['Path(`/css{path:(/.*)?}`)', { path: '/css/site.css' }, true],
    ['Path(`/css{path:(/.*)?}`)', { path: '/css' }, true],
    ['Path(`/css{path:(/.*)?}`)', { path: '/cssx' }, false],
    ['Path(`/users/{id:[0-9]+}`)', { path: '/users/42' }, true],
    ['Path(`/users/{id:[0-9]+}`)', { path: '/users/42/x' }, false],
    ['Path(`/users/{id}`)', { path: '/users/abc' }, true],
    ['Path(`/users/{id}`)', { path: '/users/a/b' }, false],
    ['Path(`/a.b`)', { path: '/axb' }, false],
    ['PathPrefix(`/api`, `/v2`)', { path: '/v2/x' }, true],
    ['PathPrefix(`/api`)', { path: '/apiary' }, true],
    ['PathPrefix(`/css-{name:[0-9]?}`)', { path: '/css-1/x' }, true],
    ['PathPrefix(`/css-{name:[0-9]?}`)', { path: '/css-/x' }, true],
    ['PathPrefix(`/u/{id:[0-9]+}`)', { path: '/x/u/1' }, false],
    ['Method(`GET`, `post`)', { method: 'POST' }, true],
    ['Method(`GET`, `POST`)', { method: 'PUT' }, false],
    ['Headers(`X-A`, `1`)', { headers: { 'x-a': '1' } }, true],
    ['Headers(`X-A`, `1`)', { headers: { 'x-a': '2' } }, false],
    ['HeadersRegexp(`X-A`, `^[0-9]+$`)', { headers: { 'x-a': '12' } }, true],
    ['HeadersRegexp(`X-A`, `^[0-9]+$`)', { headers: { 'x-a': 'b' } }, false],
    ['Query(`a=1`)', { query: 'a=1' }, true],
    ['Query(`a=1`, `b=2`)', { query: 'b=2&a=1' }, true], // every pair must match
    ['Query(`a=1`, `b=2`)', { query: 'a=1' }, false],
    ['Query(`a=`)', { query: 'a=whatever' }, true], // empty value = key present
    ['Query(`a=`)', { query: 'b=1' }, false],
    ['Query(`id={id:[0-9]+}`)', { query: 'id=42' }, true],
    ['Query(`id={id:[0-9]+}`)', { query: 'id=42x' }, false],
    ['ClientIP(`10.0.0.0/8`, `::1`)', { clientIP: '::1' }, true],
    ['ClientIP(`10.0.0.0/8`, `::1`)', { clientIP: '192.168.0.1' }, false],
    ['Host(`a.com`) && PathPrefix(`/x`) || Method(`PURGE`)', { host: 'z.com', method: 'PURGE' }, true],
  ])('%s with %j → %s', (rule, overrides, expected) => {
    expect(v2(rule).matcher(request(overrides))).toBe(expected);
  });

  it('indexes v2 multi-host rules by every host', () => {
    expect(v2('Host(`A.com`, `b.com`)').hosts).toEqual(['a.com', 'b.com']);
    expect(v2('HostHeader(`a.com`) && Path(`/`)').hosts).toEqual(['a.com']);
    expect(v2('HostRegexp(`{x}.a.com`)').hosts).toBeNull();
  });

  it.each([
    ['Query(`a`)', /Query expects key=value pairs, got a/],
    ['Query(`=1`)', /Query expects key=value pairs/],
    ['Path(`a`)', /must start with \//],
    ['HostRegexp(`{sub.example.com`)', /unbalanced braces/],
    ['HostRegexp(`{:[a-z]+}.example.com`)', /missing name or pattern/],
    ['HostRegexp(`{x:}.example.com`)', /missing name or pattern/],
    ['Path(`/{id:(}`)', /invalid regexp/],
    ['Headers(`a`)', /Headers expects 2 arguments, got 1/],
    ['HostRegexp(`bücher.example`)', /punycode/],
  ])('rejects %s', (rule, message) => {
    expect(() => v2(rule)).toThrow(message);
  });

  it('points at the offending argument', () => {
    expect(() => v2('Path(`/a`, `b`)')).toThrow(/at 11/);
  });
});
