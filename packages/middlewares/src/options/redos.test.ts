import type { HttpStep } from '@wharf/config';
import { describe, expect, it } from 'vitest';
import { createHeaders } from '../headers/headers.js';
import { createRedirectRegex } from '../redirect-regex/redirect-regex.js';
import { createReplacePathRegex } from '../replace-path-regex/replace-path-regex.js';
import { createStripPrefixRegex } from '../strip-prefix-regex/strip-prefix-regex.js';
import { fakeExchange, recordingNext } from '../testing/exchange.js';

/**
 * Middleware regex options run on RE2 (linear time). The old backtracking translation needed
 * seconds for 29 characters of `^/re/(a+)+$`, doubling per character; 10 KB answers here in
 * milliseconds, so the loose bound cannot hide a regression.
 */
const KB10 = 10 * 1024;
const BOUND_MS = 2_000;
const as = 'a'.repeat(KB10);

async function timed(step: HttpStep, url: string, headers: Record<string, string> = {}) {
  const ex = fakeExchange({ url, headers, host: 'example.com' });
  const rec = recordingNext();
  const start = performance.now();
  const res = await step(ex, rec.make(ex));
  return { ms: performance.now() - start, res, path: ex.path };
}

describe('ReDoS: middleware regex options on 10 KB hostile paths', () => {
  it.each([
    ['replacePathRegex, no match', createReplacePathRegex({ regex: '^/re/(a+)+$', replacement: '/x/$1' }), `/re/${as}!`, `/re/${as}!`],
    ['replacePathRegex, a match', createReplacePathRegex({ regex: '^/re/(a+)+$', replacement: '/x' }), `/re/${as}`, '/x'],
    ['replacePathRegex, nested alternation', createReplacePathRegex({ regex: '((a|b|ab)*)*c', replacement: '' }), `/${'ab'.repeat(KB10 / 2)}`, `/${'ab'.repeat(KB10 / 2)}`],
    ['stripPrefixRegex', createStripPrefixRegex({ regex: ['^/(a|aa)*b'] }), `/${as}`, `/${as}`],
    ['stripPrefixRegex, a match', createStripPrefixRegex({ regex: ['^/(a+)+'] }), `/${as}/x`, '/x'],
  ])('%s', async (_name, step, url, path) => {
    const run = await timed(step, url);
    expect(run.ms).toBeLessThan(BOUND_MS);
    expect(run.path).toBe(path);
  });

  it('redirectRegex', async () => {
    const step = createRedirectRegex({ regex: '^http://example\\.com/(.*a){20}b', replacement: 'https://x/$1' });
    const run = await timed(step, `/${as}`);
    expect(run.ms).toBeLessThan(BOUND_MS);
    expect(run.res.status).toBe(200);
  });

  it('headers: accessControlAllowOriginListRegex', async () => {
    const step = createHeaders({ accessControlAllowOriginListRegex: ['^https://(a+)+\\.example\\.com$'] });
    const run = await timed(step, '/', { origin: `https://${as}.example.org` });
    expect(run.ms).toBeLessThan(BOUND_MS);
    expect(run.res.headers['access-control-allow-origin']).toBeUndefined();
    const allowed = await timed(step, '/', { origin: 'https://aaa.example.com' });
    expect(allowed.res.headers['access-control-allow-origin']).toBe('https://aaa.example.com');
  });
});
