import { describe, expect, it } from 'vitest';
import { compileGoRegex, goReplacement } from './go-regex.js';

describe('Go regex compatibility', () => {
  it('accepts named groups and inline flags', () => {
    const re = compileGoRegex('(?i)^/(?P<v>API)/(.*)');
    expect('/api/x'.replace(re, goReplacement('/${v}/${2}'))).toBe('/api/x');
    expect('/api/x/y'.replace(re, goReplacement('/v2/$2'))).toBe('/v2/x/y');
  });
  it('rejects an invalid regex', () => {
    expect(() => compileGoRegex('([')).toThrow();
  });
});
