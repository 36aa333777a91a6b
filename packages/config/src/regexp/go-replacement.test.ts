import { describe, expect, it } from 'vitest';
import { compileGoRegexp } from './go-regexp.js';

const replace = (source: string, input: string, template: string): string => compileGoRegexp(source).replaceAll(input, template);

describe('GoRegexp.replaceAll = Go ReplaceAllString', () => {
  it.each([
    // Go's regexp.ReplaceAll examples
    ['a(x*)b', '-ab-axxb-', 'T', '-T-T-'],
    ['a(x*)b', '-ab-axxb-', '$1', '--xx-'],
    ['a(x*)b', '-ab-axxb-', '$1W', '---'], // `$1W` names a group `1W`, which does not exist
    ['a(x*)b', '-ab-axxb-', '${1}W', '-W-xxW-'],
    ['a(?P<1W>x*)b', '-ab-axxb-', '$1W', '--xx-'],
    ['a(?P<1W>x*)b', '-ab-axxb-', '${1}W', '-W-xxW-'],
    // named groups, whole match, literal and malformed dollars
    ['^/(?P<v>api)/(.*)', '/api/x/y', '/${v}/v2/$2', '/api/v2/x/y'],
    ['(?P<word>\\w+)', 'ab cd', '<$word>', '<ab> <cd>'],
    ['b', 'abc', '[$0]', 'a[b]c'],
    ['b', 'abc', '$$1', 'a$1c'],
    ['b', 'abc', '${1', 'a${1c'],
    ['b', 'abc', '$!', 'a$!c'],
    ['b', 'abc', '$9', 'ac'],
    ['(b)?c', 'c', '[$1]', '[]'],
    // empty matches: none right after a previous match; the search moves on by one code point
    ['b*', 'abc', '-', '-a-c-'],
    ['', 'a\u{1F600}b', '-', '-a-\u{1F600}-b-'],
    ['x*', '', '-', '-'],
    // no match: the input comes back as it was
    ['^/nope', '/api', '/x', '/api'],
  ])('%s on %j with %j → %j', (source, input, template, expected) => {
    expect(replace(source, input, template)).toBe(expected);
  });

  it('reuses a parsed template and re-parses a new one', () => {
    const re = compileGoRegexp('(?P<n>\\d)');
    expect(re.replaceAll('a1', '<$n>')).toBe('a<1>');
    expect(re.replaceAll('a2', '<$n>')).toBe('a<2>');
    expect(re.replaceAll('a3', '($1)')).toBe('a(3)');
  });
});
