import { describe, expect, it } from 'vitest';
import { forwardedBy as run } from '../testing/exchange.js';
import { createReplacePathRegex } from './replace-path-regex.js';

describe('path rewriting', () => {
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
});
