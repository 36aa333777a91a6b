import { describe, expect, it } from 'vitest';
import { forwardedBy as run } from '../testing/exchange.js';
import { createStripPrefixRegex } from './strip-prefix-regex.js';

describe('stripPrefixRegex', () => {
  it('strips the match when it is a prefix', async () => {
    const step = createStripPrefixRegex({ regex: ['/foo/[a-z0-9]+/[0-9]+/'] });
    const seen = await run(step, '/foo/abc/12/bar');
    expect(seen.path).toBe('/bar');
    expect(seen.headers['x-forwarded-prefix']).toBe('/foo/abc/12/');
    expect((await run(step, '/x/foo/abc/12/bar')).path).toBe('/x/foo/abc/12/bar');
  });
});
