import { describe, expect, it } from 'vitest';
import { isWharfError } from '../errors.js';
import { compileGoRegexp } from './go-regexp.js';

describe('compileGoRegexp: Go RE2 syntax and semantics', () => {
  it.each([
    // [go source, input, matches]
    ['abc', 'xxabcxx', true],
    ['(?i)abc', 'xABCx', true],
    ['(?is)a.c', 'A\nC', true],
    ['a.c', 'a\nc', false],
    ['(?m)^b$', 'a\nb\nc', true],
    ['^b$', 'a\nb\nc', false],
    ['a$', 'a\n', false], // Go's `$` without (?m) is the end of the text, not "before a final \n"
    ['(?P<year>[0-9]{4})-(?P<m>[0-9]{2})', '2024-05', true],
    ['(?<year>[0-9]{4})', '2024', true],
    ['(?P<1a>x)', 'x', true], // Go accepts names that start with a digit
    ['\\Aab', 'ab', true],
    ['\\Aab', 'xab', false],
    ['ab\\z', 'ab\n', false],
    ['\\Qa.b*c\\E', 'a.b*c', true],
    ['\\Qa.b*c\\E', 'axbbc', false],
    ['\\Qa.b', 'a.b', true],
    ['[[:digit:]]+', 'abc123', true],
    ['^[[:alpha:]]+$', 'abc1', false],
    ['^[[:^alpha:]]+$', '123', true],
    ['^[[:alnum:]_-]+$', 'a_b-1', true],
    ['^[]a]+$', ']a]', true],
    ['^[^]a]+$', 'bcd', true],
    ['\\x41', 'A', true],
    ['\\x{1F600}', '\u{1F600}', true],
    ['^.$', '\u{1F600}', true], // `.` is one code point
    ['\\101', 'A', true],
    ['\\pL+', 'été', true],
    ['^\\p{Greek}+$', 'αβγ', true],
    ['^\\PL+$', '123', true],
    ['\\s', 'a\u00a0b', false], // Go's \s is ASCII whitespace only
    ['\\bfoo\\b', 'a foo.', true],
    ['\\bfoo\\b', 'éfooé', true], // \b is ASCII: é is not a word character
    ['(?i)k', '\u212a', true], // Go folds case by Unicode simple folding (Kelvin sign)
    ['\\#\\:\\<', '#:<', true],
    ['\\a', '\x07', true],
    ['x{2,3}', 'xx', true],
    ['a(?i)bc', 'aBC', true],
    ['a(?i)bc', 'ABC', false],
    ['(?i:ab)c', 'ABc', true],
    ['(?i:ab)c', 'ABC', false],
    ['(?i)a(?-i)b', 'AB', false],
    ['a(?s:.)b', 'a\nb', true],
    ['x(?m:^b$)', 'x\nb', false],
    ['(?U)^a+$', 'aaa', true],
  ])('%s on %j → %s', (source, input, expected) => {
    expect(compileGoRegexp(source).test(input)).toBe(expected);
  });

  it('finds the leftmost match, leftmost-first and ungreedy as Go does', () => {
    expect(compileGoRegexp('/[a-z]+/').findIndex('/x/api/v1')).toEqual([0, 3]);
    expect(compileGoRegexp('a|ab').findIndex('xab')).toEqual([1, 2]);
    expect(compileGoRegexp('(?U)a+').findIndex('aaa')).toEqual([0, 1]);
    expect(compileGoRegexp('é+').findIndex('xééy')).toEqual([1, 3]);
    expect(compileGoRegexp('z').findIndex('abc')).toBeNull();
  });

  it('matches case-insensitively on request', () => {
    expect(compileGoRegexp('^x-auth-', { ignoreCase: true }).test('X-Auth-User')).toBe(true);
    expect(compileGoRegexp('^x-auth-').test('X-Auth-User')).toBe(false);
  });
});

describe('compileGoRegexp: what RE2 rejects', () => {
  it.each([
    ['(a', /missing closing \): `\(a`$/],
    ['(a)\\1', /back-references are not supported \(RE2 syntax\): `\\1` at offset 3/],
    ['a(?=b)', /lookaround is not supported .* at offset 1/],
    ['a(?!b)', /lookaround is not supported/],
    ['(?<=a)b', /lookaround is not supported/],
    ['x(?<!a)b', /lookaround is not supported .* at offset 1/],
    ['a(?x:b)', /invalid or unsupported Perl syntax \(flags are i, m, s, U\): `\(\?x` at offset 1/],
    ['(?P<a>x)(?P<a>y)', /duplicate capture group name: `a`/],
    ['\\C', /invalid escape sequence: `\\C`/],
    ['\\e', /invalid escape sequence/],
    ['abc\\', /trailing backslash/],
    ['[[:foo:]]', /invalid character class range: `\[:foo:\]`/],
    ['a**', /invalid nested repetition operator: `\*\*` at offset 1/],
    ['x{1001}', /invalid repeat count/],
    ['[z-a]', /invalid character class range: `z-a`/],
    ['\\p{Klingon}', /invalid character class range/],
    ['.{1000}'.repeat(6), /too large: \d+ instructions, over wharf's limit of 5000/],
  ])('rejects %s', (source, message) => {
    expect(() => compileGoRegexp(source)).toThrow(message);
  });

  it('accepts the large patterns real configs use', () => {
    expect(compileGoRegexp('^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$').test('api.example.com')).toBe(true);
    expect(compileGoRegexp('(?i)^[a-z0-9._%+-]{1,64}@[a-z0-9.-]{1,253}\\.[a-z]{2,63}$').test('Ann@Example.com')).toBe(true);
  });

  it('fails with a coded error that quotes the source', () => {
    let caught: unknown;
    try {
      compileGoRegexp('^/re/(a');
    } catch (err) {
      caught = err;
    }
    expect(isWharfError(caught, 'WHARF_CONFIG_BAD_REGEXP')).toBe(true);
    expect((caught as Error).message).toMatch(/^invalid regexp "\^\/re\/\(a": /);
  });
});
