import { describe, expect, it } from 'vitest';
import { answeredBy as run } from '../testing/exchange.js';
import { createRedirectRegex } from './redirect-regex.js';

describe('redirectRegex', () => {
  const step = createRedirectRegex({ regex: '^http://localhost/(.*)', replacement: 'http://mydomain/${1}', permanent: true });
  it('redirects on a match with the replacement', async () => {
    const { res } = await run(step, { url: '/x/y?z=1', host: 'localhost' });
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('http://mydomain/x/y?z=1');
  });
  it('passes through without a match or when the target equals the URL', async () => {
    expect((await run(step, { url: '/x', host: 'other' })).forwarded).toBe(true);
    const same = createRedirectRegex({ regex: '^(.*)$', replacement: '$1' });
    expect((await run(same, { url: '/x' })).forwarded).toBe(true);
  });
});
