import { describe, expect, it } from 'vitest';
import { MatcherArgumentError } from './errors.js';
import { compileGoRegexp } from './go-regexp.js';

describe('compileGoRegexp (rule arguments)', () => {
  it('translates Go syntax', () => {
    expect(compileGoRegexp('^(?P<sub>[a-z]+)\\.example\\.com$').exec('api.example.com')?.groups?.sub).toBe('api');
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
    expect((caught as Error).message).toMatch(/lookaround/);
  });
});
