import { describe, expect, it } from 'vitest';
import type { HttpStep } from '@wharf/config';
import { fakeContext } from '../testing/context.js';
import { fakeExchange, recordingNext } from '../testing/exchange.js';
import { createChain } from './chain.js';

const tag = (name: string): HttpStep => (ex, next) => {
  ex.path += `/${name}`;
  return next();
};

describe('chain', () => {
  it('runs the resolved middlewares in order', async () => {
    const { ctx } = fakeContext({ middlewares: { a: tag('a'), 'b@docker': tag('b') } });
    const step = createChain({ middlewares: ['a', 'b@docker'] }, ctx);
    const ex = fakeExchange({ url: '/x' });
    const rec = recordingNext();
    await step(ex, rec.make(ex));
    expect(rec.seen[0]!.path).toBe('/x/a/b');
  });
  it('fails at create time on an unknown middleware', () => {
    const { ctx } = fakeContext();
    expect(() => createChain({ middlewares: ['missing'] }, ctx)).toThrow();
  });
  it('an empty chain just forwards', async () => {
    const step = createChain({ middlewares: [] }, fakeContext().ctx);
    const ex = fakeExchange();
    expect((await step(ex, recordingNext().make(ex))).status).toBe(200);
  });
});
