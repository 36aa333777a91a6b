import { describe, expect, it } from 'vitest';
import { request } from '../fixtures/request.js';
import { parseRule } from '../parse-rule.js';
import type { MatchRequest } from '../types.js';

type Headers = MatchRequest['headers'];

describe('Header and HeaderRegexp', () => {
  it.each<[string, Headers, boolean]>([
    ['Header(`X-Version`, `2`)', { 'x-version': '2' }, true],
    ['Header(`x-version`, `2`)', { 'x-version': '2' }, true],
    ['HEADER(`X-VERSION`, `2`)', { 'x-version': '2' }, true],
    ['Header(`X-Version`, `2`)', { 'x-version': '20' }, false],
    ['Header(`X-Version`, `abc`)', { 'x-version': 'ABC' }, false], // values are case-sensitive
    ['Header(`X-Version`, `2`)', {}, false],
    ['Header(`X-Version`, `2`)', { 'x-version': ['1', '2'] }, true],
    ['Header(`X-Version`, `2`)', { 'x-version': '1, 2' }, true], // Node joins repeated lines
    ['Header(`X-Version`, `1, 2`)', { 'x-version': '1, 2' }, true],
    ['Header(`Accept`, `text/html`)', { accept: 'application/json' }, false],
    ['HeaderRegexp(`User-Agent`, `Firefox/[0-9]+`)', { 'user-agent': 'Mozilla/5.0 Firefox/120.0' }, true],
    ['HeaderRegexp(`User-Agent`, `^Firefox`)', { 'user-agent': 'Mozilla/5.0 Firefox/120.0' }, false],
    ['HeaderRegexp(`User-Agent`, `firefox`)', { 'user-agent': 'Firefox' }, false],
    ['HeaderRegexp(`User-Agent`, `(?i)firefox`)', { 'user-agent': 'Firefox' }, true],
    ['HeaderRegexp(`X-Id`, `^[0-9]+$`)', { 'x-id': ['abc', '123'] }, true],
    ['HeaderRegexp(`X-Id`, `^[0-9]+$`)', {}, false],
  ])('%s on %j → %s', (rule, headers, expected) => {
    expect(parseRule(rule).matcher(request({ headers }))).toBe(expected);
  });

  it('rejects an invalid header regexp at the regexp argument', () => {
    expect(() => parseRule('HeaderRegexp(`X`, `(a`)')).toThrow(/at 18/);
  });
});
