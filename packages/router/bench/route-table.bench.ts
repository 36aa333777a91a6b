// Speed goals for the rule engine (not asserted in tests): `vitest bench --project unit packages/router`.
import { bench, describe } from 'vitest';
import { createRouteTable, defaultPriority, parseRule, type MatchRequest, type RouteEntry } from '@wharf/router';

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
