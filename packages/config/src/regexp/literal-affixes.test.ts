import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { compileGoRegexp } from './go-regexp.js';
import { literalAffixes } from './literal-affixes.js';

describe('literalAffixes', () => {
  it.each([
    ['^/api/v[0-9]+/', '/api/v', ''],
    ['^/api/', '/api/', ''],
    ['\\A/api', '/api', ''],
    ['^/ab*', '/a', ''],
    ['^/ab{2}', '/a', ''],
    ['^/ab?c', '/a', ''],
    ['^/a\\.b/(x)', '/a.b/', ''],
    ['^/a{,2}', '/a', ''], // `{,2}` is literal text in Go, but not read as such here
    ['^(?P<sub>[a-z]+)\\.example\\.com$', '', '.example.com'],
    ['^[a-z]+\\.example\\.com\\z', '', '.example.com'],
    ['\\.(css|js)$', '', ''],
    ['^/(a|b)/c$', '/', '/c'],
    ['x{2}$', '', ''],
    ['^/api|^/admin', '', ''],
    ['^/a/(b)|c', '', ''],
    ['(?i)^/api', '', ''],
    ['^/api(?i)x', '', ''],
    ['^/a(?i:b)c$', '', ''],
    ['^/a[(|]b$', '/a', 'b'],
    ['^/[[:alpha:]|]+/x$', '/', '/x'],
    ['^/\\Qa.b\\E$', '', ''],
    ['^/é', '/', ''],
    ['^\\d+$', '', ''],
    ['com\\b$', '', ''],
    ['a$*', '', ''],
    ['x\\101$', '', ''],
    ['x\\x41$', '', ''],
    ['x\\x{41}$', '', ''],
    ['^\\p{Greek}x$', '', 'x'],
    ['^a\\pLb$', 'a', 'b'],
  ])('%s → prefix %j, suffix %j', (source, prefix, suffix) => {
    expect(literalAffixes(source)).toEqual({ prefix, suffix });
  });

  it('never changes an answer: the fast path agrees with the engine alone', () => {
    const patterns = [
      '^/api/v[0-9]+/', '^/ab*c', '^/ab?$', '^(?P<s>[a-z]+)\\.example\\.com$', '^/a[(|]b$', '^/x|y$',
      '^/(a|b)/c$', '\\A/a\\z', '^/a{2}$', '^/a\\.b$', '^/[]a]x$', '^/[^]a]x$', '^/ +$',
      'x\\101$', 'x\\x41$', '^/\\x{41}1$', '^/\\p{Greek}1$', '^/\\pL1$', '^/\\0101$', '^/\\d1$',
    ];
    const inputs = [
      '', '/', '/a', '/ab', '/abbc', '/ac', '/abc', '/api/v1/', '/api/v/', 'x/api/v1/', 'api.example.com',
      'API.example.com', 'a.example.com.', '/a(b', '/a|b', '/ab', 'y', '/x', '/a/c', '/c/c', '/aa', '/a.b', '/a-b',
      '/]x', '/bx', '/ax', '/   ', '/a\n', 'xA', 'x01', 'x41', '/A1', '/α1', '/\x0101', '/\x081', '/41', '/71',
    ];
    for (const source of patterns) {
      const re = compileGoRegexp(source);
      const reference = RE2JS.compile(source);
      for (const input of inputs) expect([source, input, re.test(input)]).toEqual([source, input, reference.test(input)]);
    }
  });

  it('agrees with the engine alone on random patterns and inputs (fixed seed)', () => {
    // [token, texts it can match] so that many generated inputs match
    const tokens: Array<[string, string[]]> = [
      ['a', ['a']], ['b', ['b']], ['/', ['/']], ['1', ['1']], ['x', ['x']], ['\\.', ['.']], ['\\/', ['/']], ['\\{', ['{']],
      ['\\101', ['A']], ['\\x41', ['A']], ['\\x{61}', ['a']], ['\\pL', ['a', 'α']], ['\\p{Greek}', ['α']], ['\\d', ['1', '2']],
      ['\\b', ['']], ['\\Qa.\\E', ['a.']], ['[]a]', [']', 'a']], ['[^]a]', ['b', '1']], ['[[:alpha:]]', ['a', 'A']], ['[a|]', ['|', 'a']],
      ['.', ['x', '.']], ['(a|b)', ['a', 'b']], ['(?:/1)', ['/1']], ['(?P<n>x)', ['x']], ['(?i)', ['']], ['(?i:a)', ['A', 'a']],
      ['|', ['']], ['^', ['']], ['$', ['']], ['\\A', ['']], ['\\z', ['']], ['*', ['', '']], ['+', ['']], ['?', ['']],
      ['{2}', ['']], ['{1,}', ['']], ['{0,1}', ['']], ['{,2}', ['{,2}']], ['{x}', ['{x}']], ['}', ['}']], [']', [']']], [',', [',']], ['2', ['2']], ['A', ['A']],
    ];
    const junk = ['', '', 'a', '/', 'A', '1', 'α'];
    let seed = 7;
    const next = (n: number): number => {
      // mulberry32: an LCG's low bits repeat too soon for `% 2`
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    let compared = 0;
    let matched = 0;
    for (let p = 0; p < 3000; p++) {
      // anchored often, since anchored literal text is what the fast path reads
      const picked: Array<[string, string[]]> = [
        ...(next(2) === 0 ? [['^', ['']] as [string, string[]]] : []),
        ...Array.from({ length: 1 + next(5) }, () => tokens[next(tokens.length)]!),
        ...(next(2) === 0 ? [['$', ['']] as [string, string[]]] : []),
      ];
      const source = picked.map(([token]) => token).join('');
      let re: ReturnType<typeof compileGoRegexp>;
      try {
        re = compileGoRegexp(source);
      } catch {
        continue;
      }
      const reference = RE2JS.compile(source);
      for (let k = 0; k < 8; k++) {
        const parts: string[] = [];
        for (const [token, texts] of picked) {
          // a quantifier sometimes takes its atom zero times (`*`, `?`) or twice (`*`, `+`, `{1,}`)
          if ((token === '*' || token === '?' || token === '{0,1}') && next(2) === 0) parts.pop();
          else if ((token === '*' || token === '+' || token === '{1,}') && next(2) === 0) parts.push(parts.at(-1) ?? '');
          else parts.push(texts[next(texts.length)]!);
        }
        const body = parts.join('');
        const cased = next(4) === 0 ? body.toUpperCase() : body;
        const input = junk[next(junk.length)] + cased + junk[next(junk.length)];
        const expected = reference.test(input);
        expect([source, input, re.test(input)]).toEqual([source, input, expected]);
        compared++;
        if (expected) matched++;
      }
    }
    expect(compared).toBeGreaterThan(10_000);
    expect(matched).toBeGreaterThan(compared / 8);
  });
});
