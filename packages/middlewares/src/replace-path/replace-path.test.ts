import { describe, expect, it } from 'vitest';
import { createAddPrefix } from '../add-prefix/add-prefix.js';
import { createReplacePathRegex } from '../replace-path-regex/replace-path-regex.js';
import { forwardedBy } from '../testing/exchange.js';
import { createReplacePath } from './replace-path.js';

const run = forwardedBy;

describe('path rewriting', () => {
  it('replacePath keeps the original in X-Replaced-Path', async () => {
    const seen = await run(createReplacePath({ path: '/new' }), '/old/x?q=1');
    expect(seen).toMatchObject({ path: '/new', query: 'q=1' });
    expect(seen.headers['x-replaced-path']).toBe('/old/x');
  });
  it('replacePathRegex expands $1 and ${1}', async () => {
    const step = createReplacePathRegex({ regex: '^/foo/(.*)', replacement: '/bar/${1}' });
    const seen = await run(step, '/foo/baz');
    expect(seen.path).toBe('/bar/baz');
    expect(seen.headers['x-replaced-path']).toBe('/foo/baz');
    const untouched = await run(step, '/other');
    expect(untouched.path).toBe('/other');
    expect(untouched.headers['x-replaced-path']).toBeUndefined();
    expect((await run(createReplacePathRegex({ regex: '^/a/(\\w+)/(\\w+)', replacement: '/$2/$1' }), '/a/x/y')).path).toBe('/y/x');
  });
  it('addPrefix prepends, adding a slash when missing', async () => {
    expect((await run(createAddPrefix({ prefix: '/api' }), '/users')).path).toBe('/api/users');
    expect((await run(createAddPrefix({ prefix: 'v1' }), '/x')).path).toBe('/v1/x');
  });
});
