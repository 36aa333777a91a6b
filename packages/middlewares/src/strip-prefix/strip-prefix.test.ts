import { describe, expect, it } from 'vitest';
import { forwardedBy } from '../testing/exchange.js';
import { createStripPrefix } from './strip-prefix.js';

const run = forwardedBy;

describe('stripPrefix', () => {
  it.each([
    ['/api/users', '/users', '/api'],
    ['/api', '/', '/api'],
    ['/apiv2/x', '/v2/x', '/api'],
    ['/other', '/other', undefined],
  ])('%s → %s', async (url, path, prefix) => {
    const seen = await run(createStripPrefix({ prefixes: ['/api'] }), url);
    expect(seen.path).toBe(path);
    expect(seen.headers['x-forwarded-prefix']).toBe(prefix);
  });
  it('first matching prefix wins and keeps the query', async () => {
    const seen = await run(createStripPrefix({ prefixes: ['/a/b', '/a'] }), '/a/b/c?x=1');
    expect(seen.path).toBe('/c');
    expect(seen.query).toBe('x=1');
    expect(seen.headers['x-forwarded-prefix']).toBe('/a/b');
  });
  it('forceSlash=false leaves an emptied path empty', async () => {
    expect((await run(createStripPrefix({ prefixes: ['/api'], forceSlash: false }), '/api')).path).toBe('');
    expect((await run(createStripPrefix({ prefixes: ['/api/'] }), '/api/x')).path).toBe('/x');
  });
});
