import { describe, expect, it } from 'vitest';
import { isWharfError } from '../errors.js';
import { compileGoRegexp } from './go-regexp.js';

describe('compileGoRegexp', () => {
  it.each([
    // [go source, input, matches]
    ['abc', 'xxabcxx', true],
    ['(?i)abc', 'xABCx', true],
    ['(?is)a.c', 'A\nC', true],
    ['a.c', 'a\nc', false],
    ['(?m)^b$', 'a\nb\nc', true],
    ['^b$', 'a\nb\nc', false],
    ['(?P<year>[0-9]{4})-(?P<m>[0-9]{2})', '2024-05', true],
    ['(?<year>[0-9]{4})', '2024', true],
    ['\\Aab', 'ab', true],
    ['\\Aab', 'xab', false],
    ['ab\\z', 'ab', true],
    ['ab\\z', 'ab\n', false],
    ['\\Qa.b*c\\E', 'a.b*c', true],
    ['\\Qa.b*c\\E', 'axbbc', false],
    ['\\Qa.b', 'a.b', true],
    ['[[:digit:]]+', 'abc123', true],
    ['^[[:alpha:]]+$', 'abc1', false],
    ['^[[:alnum:]_-]+$', 'a_b-1', true],
    ['^[]a]+$', ']a]', true],
    ['^[^]a]+$', 'bcd', true],
    ['\\x41', 'A', true],
    ['\\x{1F600}', '\u{1F600}', true],
    ['\\101', 'A', true],
    ['\\pL+', 'été', true],
    ['^\\p{Greek}+$', 'αβγ', true],
    ['^\\PL+$', '123', true],
    ['\\s', 'a b', true],
    ['\\s', 'a\u00a0b', false], // Go's \s is ASCII whitespace only
    ['^\\S+$', 'ab', true],
    ['\\#\\:\\<', '#:<', true],
    ['a\\-b', 'a-b', true],
    ['[a\\-z]', '-', true],
    ['\\a', '\x07', true],
    ['x{2,3}', 'xx', true],
    ['\\d+\\.\\d+', 'v1.2', true],
    ['(?:ab)+$', 'abab', true],
    // flag groups after the start are emulated (Node 20 has no scoped modifiers)
    ['a(?i)bc', 'aBC', true],
    ['a(?i)bc', 'ABC', false],
    ['(?i:ab)c', 'ABc', true],
    ['(?i:ab)c', 'ABC', false],
    ['x(?i)[a-c]+$', 'xAbC', true],
    ['x(?i)[^a-c]$', 'xB', false],
    ['x(?i)[k]$', 'xK', true],
    ['(?i)a(?-i)b', 'Ab', true],
    ['(?i)a(?-i)b', 'AB', false],
    ['(?i)(?P<Name>ab)(?-i:c)', 'ABc', true],
    ['(?i)(?P<Name>ab)(?-i:c)', 'ABC', false],
    ['a(?s:.)b', 'a\nb', true],
    ['a.(?s:b)', 'a\nb', false],
    ['x(?m:^b$)', 'x\nb', false],
    ['(?m:^b$)', 'a\nb\nc', true],
    ['(?i)\\Qa.b\\E(?-i)c', 'A.Bc', true],
    ['(?i)\\Qa.b\\E(?-i)c', 'AxBc', false],
    ['(?<year>[0-9]{4})(?i)x', '2024X', true],
  ])('%s on %j → %s', (source, input, expected) => {
    expect(compileGoRegexp(source).test(input)).toBe(expected);
  });

  it.each([
    ['(a', /invalid regexp/],
    ['(a)\\1', /back-references are not supported/],
    ['a(?=b)', /lookaround/],
    ['a(?!b)', /lookaround/],
    ['(?<=a)b', /lookaround/],
    ['(?U)a+', /ungreedy/],
    ['a(?U)b', /ungreedy/],
    ['a(?x:b)', /unknown flag x/],
    ['(?P<1a>x)', /invalid named capture group/],
    ['\\C', /invalid escape sequence \\C/],
    ['\\e', /invalid escape sequence \\e/],
    ['abc\\', /trailing backslash/],
    ['[[:foo:]]', /unsupported character class/],
    ['(?x)a', /unknown flag x/],
  ])('rejects %s', (source, message) => {
    expect(() => compileGoRegexp(source)).toThrow(message);
  });

  it('fails with a coded error', () => {
    let caught: unknown;
    try {
      compileGoRegexp('(a');
    } catch (err) {
      caught = err;
    }
    expect(isWharfError(caught, 'WHARF_CONFIG_BAD_REGEXP')).toBe(true);
  });

  it('adds the flags a caller asks for', () => {
    expect(compileGoRegexp('(?s)a', 'g').flags).toBe('gs');
    expect('a1a2'.replace(compileGoRegexp('a(?P<n>\\d)', 'g'), '<$<n>>')).toBe('<1><2>');
    expect(compileGoRegexp('abc', 'i').test('ABC')).toBe(true);
  });

  it('never produces a global (stateful) regexp unless asked', () => {
    const re = compileGoRegexp('(?i)a');
    expect(re.flags).not.toContain('g');
    expect(re.test('A') && re.test('A')).toBe(true);
  });
});
