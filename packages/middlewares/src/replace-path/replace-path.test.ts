import { describe, expect, it } from 'vitest';
import { createAddPrefix } from '../add-prefix/add-prefix.js';
import { forwardedBy } from '../testing/exchange.js';
import { createReplacePath } from './replace-path.js';

const run = forwardedBy;

describe('path rewriting', () => {
  it('replacePath keeps the original in X-Replaced-Path', async () => {
    const seen = await run(createReplacePath({ path: '/new' }), '/old/x?q=1');
    expect(seen).toMatchObject({ path: '/new', query: 'q=1' });
    expect(seen.headers['x-replaced-path']).toBe('/old/x');
  });
  it('addPrefix prepends, adding a slash when missing', async () => {
    expect((await run(createAddPrefix({ prefix: '/api' }), '/users')).path).toBe('/api/users');
    expect((await run(createAddPrefix({ prefix: 'v1' }), '/x')).path).toBe('/v1/x');
  });
});
