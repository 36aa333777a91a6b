import { isWharfError } from '@wharf/config';
import { describe, expect, it } from 'vitest';
import { compileGoRegex } from './go-regex.js';

describe('Go regex options', () => {
  it('accepts named groups and inline flags, and replaces as Go does', () => {
    const re = compileGoRegex('(?i)^/(?P<v>API)/(.*)');
    expect(re.replaceAll('/api/x', '/${v}/${2}')).toBe('/api/x');
    expect(re.replaceAll('/api/x/y', '/v2/$2')).toBe('/v2/x/y');
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
  it('speaks Go: POSIX classes, \\z, ASCII-only \\s, case-insensitive on request', () => {
    expect(compileGoRegex('^[[:digit:]]+\\z').test('123')).toBe(true);
    expect(compileGoRegex('\\s').test('a\u00a0b')).toBe(false);
    expect(compileGoRegex('^X-Auth-', { ignoreCase: true }).test('x-auth-user')).toBe(true);
  });
});
