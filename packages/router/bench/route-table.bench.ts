// Speed goals for the rule engine (not asserted in tests): `vitest bench --project unit packages/router`.
import { bench, describe } from 'vitest';
import { compileGoRegexp, createRouteTable, defaultPriority, parseRule, type MatchRequest, type RouteEntry } from '@wharf/router';

function table(size: number) {
  const entries: RouteEntry<number>[] = [];
  for (let i = 0; i < size; i++) {
    const rule = `Host(\`svc-${i}.example.com\`) && PathPrefix(\`/api\`)`;
    entries.push({ name: `svc-${i}@docker`, priority: defaultPriority(rule), rule: parseRule(rule), value: i });
  }
  const fallback = 'PathPrefix(`/`) && !ClientIP(`10.0.0.0/8`)';
  entries.push({ name: 'fallback@file', priority: 1, rule: parseRule(fallback), value: -1 });
  return createRouteTable(entries);
}

const request = (host: string): MatchRequest => ({
  host, path: '/api/users', method: 'GET', headers: {}, query: '', clientIP: '192.168.1.10',
});

describe('route table match', () => {
  const small = table(10);
  const large = table(10_000);
  const hit = request('svc-7.example.com');
  const miss = request('unknown.example.com');
  bench('10 routers, host hit', () => void small.match(hit));
  bench('10,000 routers, host hit', () => void large.match(hit));
  bench('10,000 routers, fallback', () => void large.match(miss));
});

describe('rule compile', () => {
  bench('parseRule (compound v3 rule)', () => {
    parseRule('Host(`a.example.com`) && (PathPrefix(`/api`) || PathRegexp(`^/v[0-9]+/`)) && !Header(`X-Deny`, `1`)');
  });
  bench('createRouteTable(10,000)', () => void table(10_000), { iterations: 3, time: 0 });
});

// Rule regexps run on RE2 (re2js, linear time) behind compileGoRegexp; the `V8` rows are the
// JavaScript RegExp the old translator produced for the same pattern (backtracking: unsafe on
// hostile input, kept here only as the cost reference for typical patterns).
describe('rule regexp, one match (RE2 vs V8 RegExp)', () => {
  const rows: Array<[label: string, go: string, js: RegExp, input: string]> = [
    ['PathRegexp ^/api/v[0-9]+/users/[0-9]+$, hit', '^/api/v[0-9]+/users/[0-9]+$', /^\/api\/v[0-9]+\/users\/[0-9]+$/, '/api/v2/users/12345'],
    ['PathRegexp ^/api/v[0-9]+/users/[0-9]+$, miss (prefix)', '^/api/v[0-9]+/users/[0-9]+$', /^\/api\/v[0-9]+\/users\/[0-9]+$/, '/static/app.css'],
    ['HostRegexp ^(?P<sub>[a-z]+)\\.example\\.com$, hit', '^(?P<sub>[a-z]+)\\.example\\.com$', /^(?<sub>[a-z]+)\.example\.com$/, 'api.example.com'],
    ['HostRegexp ^(?P<sub>[a-z]+)\\.example\\.com$, miss (suffix)', '^(?P<sub>[a-z]+)\\.example\\.com$', /^(?<sub>[a-z]+)\.example\.com$/, 'api.example.org'],
    ['PathRegexp \\.(css|js|png)$, hit (no literal affix)', '\\.(css|js|png)$', /\.(css|js|png)$/, '/static/css/site.css'],
    ['PathRegexp (?i)^/admin, hit (flags: no affix)', '(?i)^/admin', /^\/admin/i, '/Admin/panel'],
  ];
  for (const [label, go, js, input] of rows) {
    const re = compileGoRegexp(go);
    bench(`RE2 ${label}`, () => void re.test(input));
    bench(`V8  ${label}`, () => void js.test(input));
  }
  const hostile = compileGoRegexp('^/re/(a+)+$');
  const path = `/re/${'a'.repeat(10 * 1024)}!`;
  bench('RE2 PathRegexp ^/re/(a+)+$ on a 10 KB hostile path (V8: never finishes)', () => void hostile.test(path), { iterations: 50, time: 0 });
});
