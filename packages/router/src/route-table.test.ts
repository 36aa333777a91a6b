import { describe, expect, it } from 'vitest';
import { request } from './fixtures/request.js';
import { defaultPriority, effectivePriority, parseRule } from './parse-rule.js';
import { compareEntries, createRouteTable } from './route-table.js';
import type { MatchRequest, ParsedRule, RouteEntry } from './types.js';

function entry(name: string, rule: string, priority?: number): RouteEntry<string> {
  return { name, priority: effectivePriority(priority, rule), rule: parseRule(rule), value: name };
}

/** deterministic PRNG (mulberry32) so the property tests are reproducible */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('priority', () => {
  it('defaults to the rule length in bytes', () => {
    expect(defaultPriority('Host(`example.org`)')).toBe(19);
    expect(defaultPriority('Path(`/é`)')).toBe(11);
    expect(effectivePriority(undefined, 'Host(`example.org`)')).toBe(19);
    expect(effectivePriority(0, 'Host(`example.org`)')).toBe(19);
    expect(effectivePriority(-5, 'Host(`example.org`)')).toBe(-5);
    expect(effectivePriority(1000, 'Host(`example.org`)')).toBe(1000);
  });

  it('lets a longer HostRegexp beat a shorter Host (length, not specificity, as documented)', () => {
    const table = createRouteTable([
      entry('host', 'Host(`foobar.traefik.com`)'),
      entry('regexp', 'HostRegexp(`[a-z]+\\.traefik\\.com`)'),
    ]);
    expect(table.match(request({ host: 'foobar.traefik.com' }))?.name).toBe('regexp');
  });

  it('sorts by priority descending, then name ascending', () => {
    const entries = [entry('b@docker', 'PathPrefix(`/`)', 5), entry('a@file', 'PathPrefix(`/`)', 5),
      entry('z@docker', 'PathPrefix(`/`)', 9), entry('c@docker', 'PathPrefix(`/`)', -1)];
    expect([...entries].sort(compareEntries).map((e) => e.name)).toEqual(['z@docker', 'a@file', 'b@docker', 'c@docker']);
    const table = createRouteTable(entries);
    expect(table.size).toBe(4);
    expect(table.match(request())?.name).toBe('z@docker');
    expect(createRouteTable(entries.slice(0, 2)).match(request())?.name).toBe('a@file');
  });

  it('returns undefined when nothing matches', () => {
    const table = createRouteTable([entry('a', 'Host(`a.com`)'), entry('p', 'Path(`/x`)')]);
    expect(table.match(request({ host: 'b.com', path: '/y' }))).toBeUndefined();
    expect(createRouteTable([]).match(request())).toBeUndefined();
  });
});

describe('explain', () => {
  it('lists the candidates tried before the winner, with the failing matcher', () => {
    const table = createRouteTable([
      entry('api', 'Host(`example.com`) && PathPrefix(`/api`)', 100),
      entry('other', 'Host(`other.com`)', 50),
      entry('web', 'Host(`example.com`)', 10),
      entry('low', 'PathPrefix(`/`)', 1),
    ]);
    const result = table.explain(request({ path: '/web' }));
    expect(result.entry?.name).toBe('web');
    // `other` is indexed under another host: it cannot match, so it is not listed
    expect(result.tried).toEqual([{ name: 'api', priority: 100, failedMatcher: 'PathPrefix(`/api`)' }]);
    const none = table.explain(request({ host: 'x.com', path: 'nope' }));
    expect(none.entry).toBeUndefined();
    expect(none.tried).toEqual([{ name: 'low', priority: 1, failedMatcher: 'PathPrefix(`/`)' }]);
    const other = table.explain(request({ host: 'other.com', method: 'POST', path: '/api' }));
    expect(other.entry?.name).toBe('other');
    expect(other.tried).toEqual([]);
  });
});

describe('host index', () => {
  const HOSTS = ['a.com', 'b.com', 'c.com', 'x.a.com', 'y.a.com', 'z.b.com', ''];
  const templates: Array<(r: () => number) => string> = [
    (r) => `Host(\`${pick(r, HOSTS.slice(0, 6))}\`)`,
    (r) => `Host(\`${pick(r, HOSTS.slice(0, 6))}\`) && PathPrefix(\`${pick(r, ['/', '/a', '/b'])}\`)`,
    (r) => `Host(\`${pick(r, HOSTS.slice(0, 3))}\`) || Host(\`${pick(r, HOSTS.slice(3, 6))}\`)`,
    (r) => `Host(\`*.${pick(r, ['a.com', 'b.com'])}\`)`,
    (r) => `Host(\`*.a.com\`) || Host(\`${pick(r, HOSTS.slice(0, 6))}\`)`,
    (r) => `Host(\`*.a.com\`) && Host(\`${pick(r, HOSTS.slice(0, 6))}\`)`,
    (r) => `PathPrefix(\`${pick(r, ['/', '/a', '/b'])}\`)`,
    (r) => `!Host(\`${pick(r, HOSTS.slice(0, 6))}\`)`,
    (r) => `HostRegexp(\`^${pick(r, ['x', 'y', 'z'])}\\.\`)`,
    () => 'Host(`*`)',
    (r) => `Method(\`${pick(r, ['GET', 'POST'])}\`) && Host(\`${pick(r, HOSTS.slice(0, 6))}\`)`,
  ];

  function pick<T>(r: () => number, items: readonly T[]): T {
    return items[Math.floor(r() * items.length)];
  }

  function linearScan(entries: RouteEntry<string>[], req: MatchRequest): RouteEntry<string> | undefined {
    return [...entries].sort(compareEntries).find((e) => e.rule.matcher(req));
  }

  it('returns the same winner as a linear scan on randomized tables (fixed seed)', () => {
    const r = random(20241124);
    let matched = 0;
    for (let round = 0; round < 40; round++) {
      const entries = Array.from({ length: 60 }, (_, i) =>
        entry(`r${Math.floor(r() * 1000)}-${i}@p`, pick(r, templates)(r), Math.floor(r() * 5)));
      const table = createRouteTable(entries);
      for (let q = 0; q < 60; q++) {
        const req = request({ host: pick(r, HOSTS), path: pick(r, ['/', '/a/x', '/b', '/c']), method: pick(r, ['GET', 'POST']) });
        const expected = linearScan(entries, req);
        expect(table.match(req)?.name).toBe(expected?.name);
        expect(table.explain(req).entry?.name).toBe(expected?.name);
        if (expected !== undefined) matched++;
      }
    }
    expect(matched).toBeGreaterThan(100); // the generator exercises matches, not only misses
  });

  it('builds 10,000 Host routers and only tries the request host bucket', () => {
    let calls = 0;
    const counting = (rule: ParsedRule): ParsedRule => ({ ...rule, matcher: (req) => (calls++, rule.matcher(req)) });
    const entries: RouteEntry<number>[] = [];
    for (let i = 0; i < 10_000; i++) {
      const rule = `Host(\`svc-${i}.example.com\`)${i % 2 === 0 ? ' && PathPrefix(`/`)' : ''}`;
      entries.push({ name: `svc-${i}@docker`, priority: defaultPriority(rule), rule: counting(parseRule(rule)), value: i });
    }
    entries.push({ name: 'wild@docker', priority: 1, rule: counting(parseRule('Host(`*.wild.example.com`)')), value: -1 });
    entries.push({ name: 'fallback@file', priority: 0, rule: counting(parseRule('PathPrefix(`/`)')), value: -2 });
    const table = createRouteTable(entries);
    expect(table.size).toBe(10_002);
    for (const i of [0, 1, 4_999, 9_999]) {
      calls = 0;
      expect(table.match(request({ host: `svc-${i}.example.com` }))?.value).toBe(i);
      expect(calls).toBe(1);
    }
    calls = 0;
    expect(table.match(request({ host: 'a.wild.example.com' }))?.value).toBe(-1);
    expect(calls).toBe(1);
    calls = 0;
    expect(table.match(request({ host: 'unknown.example.com' }))?.value).toBe(-2);
    expect(calls).toBe(1);
  });
});
