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
  ])('%s → prefix %j, suffix %j', (source, prefix, suffix) => {
    expect(literalAffixes(source)).toEqual({ prefix, suffix });
  });

  it('never changes an answer: the fast path agrees with the engine alone', () => {
    const patterns = [
      '^/api/v[0-9]+/', '^/ab*c', '^/ab?$', '^(?P<s>[a-z]+)\\.example\\.com$', '^/a[(|]b$', '^/x|y$',
      '^/(a|b)/c$', '\\A/a\\z', '^/a{2}$', '^/a\\.b$', '^/[]a]x$', '^/[^]a]x$', '^/ +$',
    ];
    const inputs = [
      '', '/', '/a', '/ab', '/abbc', '/ac', '/abc', '/api/v1/', '/api/v/', 'x/api/v1/', 'api.example.com',
      'API.example.com', 'a.example.com.', '/a(b', '/a|b', '/ab', 'y', '/x', '/a/c', '/c/c', '/aa', '/a.b', '/a-b',
      '/]x', '/bx', '/ax', '/   ', '/a\n',
    ];
    for (const source of patterns) {
      const re = compileGoRegexp(source);
      const reference = RE2JS.compile(source);
      for (const input of inputs) expect([source, input, re.test(input)]).toEqual([source, input, reference.test(input)]);
    }
  });
});
