import { describe, expect, it } from 'vitest';
import { requestURI } from './request-record.js';

describe('requestURI: the access log RequestPath keeps the query (issue 11, observability)', () => {
  it.each([
    ['/search?q=a&b=1', '/search?q=a&b=1'],
    ['/plain', '/plain'],
    ['http://a.example/x?y=1', '/x?y=1'],
    ['http://a.example?y=1', '/?y=1'],
    ['http://a.example', '/'],
    ['*', '*'],
  ])('%s → %s', (target, uri) => {
    expect(requestURI(target, '/fallback')).toBe(uri);
  });

  it('falls back to the routed path when the target is unknown', () => {
    expect(requestURI(undefined, '/p')).toBe('/p');
  });
});
