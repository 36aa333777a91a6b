import { describe, expect, it } from 'vitest';
import { MatcherArgumentError } from './errors.js';
import { compileGoRegexp } from './go-regexp.js';

describe('compileGoRegexp (rule arguments)', () => {
  it('speaks Go RE2', () => {
    const re = compileGoRegexp('^(?P<sub>[a-z]+)\\.example\\.com$');
    expect(re.test('api.example.com')).toBe(true);
    expect(re.test('api.example.com.evil')).toBe(false);
    expect(compileGoRegexp('^/(?i)api/[[:digit:]]+\\z').test('/API/42')).toBe(true);
  });

  it('reports a bad regexp as a MatcherArgumentError on its argument', () => {
    let caught: unknown;
    try {
      compileGoRegexp('a(?=b)', 1);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MatcherArgumentError);
    expect((caught as MatcherArgumentError).argIndex).toBe(1);
    expect((caught as Error).message).toMatch(/lookaround is not supported/);
  });
});
