import { isWharfError } from '@wharf/config';
import { describe, expect, it } from 'vitest';
import { compileGoRegex, goReplacement } from './go-regex.js';

describe('Go regex compatibility', () => {
  it('accepts named groups and inline flags', () => {
    const re = compileGoRegex('(?i)^/(?P<v>API)/(.*)');
    expect('/api/x'.replace(re, goReplacement('/${v}/${2}'))).toBe('/api/x');
    expect('/api/x/y'.replace(re, goReplacement('/v2/$2'))).toBe('/v2/x/y');
  });
  it('rejects an invalid regex as a middleware options error', () => {
    let caught: unknown;
    try {
      compileGoRegex('a(?=b)');
    } catch (err) {
      caught = err;
    }
    expect(isWharfError(caught, 'WHARF_MIDDLEWARE_OPTIONS')).toBe(true);
    expect(() => compileGoRegex('([')).toThrow(/invalid regexp/);
  });
  it('speaks Go: POSIX classes, \\z, and ASCII-only \\s', () => {
    expect(compileGoRegex('^[[:digit:]]+\\z').test('123')).toBe(true);
    expect(compileGoRegex('\\s').test('a\u00a0b')).toBe(false);
  });
});
