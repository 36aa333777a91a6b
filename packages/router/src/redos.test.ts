import { describe, expect, it } from 'vitest';
import { parseRule } from './parse-rule.js';
import type { MatchRequest } from './types.js';

/**
 * Rule regexps run on RE2 (linear time): a pathological pattern and a hostile 10 KB request part
 * answer in milliseconds. The old backtracking translation needed seconds for 29 characters of
 * `^/re/(a+)+$` and doubled per character, so the loose bound below cannot hide a regression.
 */
const KB10 = 10 * 1024;
const BOUND_MS = 2_000;
const as = 'a'.repeat(KB10);

const request = (part: Partial<MatchRequest>): MatchRequest => ({
  host: 'example.com', path: '/', method: 'GET', headers: {}, query: '', clientIP: '127.0.0.1', ...part,
});

const cases: Array<[rule: string, syntax: 'v2' | 'v3', req: MatchRequest, matches: boolean]> = [
  ['PathRegexp(`^/re/(a+)+$`)', 'v3', request({ path: `/re/${as}!` }), false],
  ['PathRegexp(`^/re/(a+)+$`)', 'v3', request({ path: `/re/${as}` }), true],
  ['PathRegexp(`(a|aa)*b`)', 'v3', request({ path: `/${as}` }), false],
  ['PathRegexp(`(.*a){20}`)', 'v3', request({ path: `/${as}` }), true],
  ['PathRegexp(`^/((a|b|ab)*)*c`)', 'v3', request({ path: `/${'ab'.repeat(KB10 / 2)}` }), false],
  ['HostRegexp(`^(([a-z])+.)+[A-Z]([a-z])+$`)', 'v3', request({ host: as }), false],
  ['HostRegexp(`^(a+)+\\.example\\.com$`)', 'v3', request({ host: `${as}.example.org` }), false],
  ['HeaderRegexp(`X-Id`, `^(\\w+\\s?)*$`)', 'v3', request({ headers: { 'x-id': `${'word '.repeat(KB10 / 5)}!` } }), false],
  ['QueryRegexp(`q`, `^(a|a?)+$`)', 'v3', request({ query: `q=${as}!` }), false],
  ['Path(`/re/{x:(a+)+}`)', 'v2', request({ path: `/re/${as}!` }), false],
  ['HostRegexp(`{sub:(a|aa)+}.example.com`)', 'v2', request({ host: `${as}b.example.com` }), false],
];

describe('ReDoS: rule regexps on 10 KB hostile requests', () => {
  it.each(cases)('%s (%s)', (rule, syntax, req, matches) => {
    const parsed = parseRule(rule, syntax);
    const start = performance.now();
    const found = parsed.matcher(req);
    expect(performance.now() - start).toBeLessThan(BOUND_MS);
    expect(found).toBe(matches);
  });
});
