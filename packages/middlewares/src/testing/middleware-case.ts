import { Value } from '@sinclair/typebox/value';
import type { HttpExchange, HttpResponse } from '@wharf/config';
import { expect, it } from 'vitest';
import type { MiddlewareDefinition } from '../types.js';
import { fakeContext } from './context.js';
import { fakeExchange, recordingNext, type FakeExchangeInit } from './exchange.js';

export interface MiddlewareCase {
  /** options that the schema accepts and `create` builds from */
  valid: unknown;
  /** options that the schema rejects */
  invalid: unknown;
  request?: FakeExchangeInit;
  context?: Parameters<typeof fakeContext>[0];
}

async function runOnce(def: MiddlewareDefinition, c: MiddlewareCase, ctxOver = c.context) {
  const { ctx, controller } = fakeContext(ctxOver);
  const step = def.create(c.valid as never, ctx);
  const ex: HttpExchange = fakeExchange(c.request);
  const rec = recordingNext();
  const res: HttpResponse = await step(ex, rec.make(ex));
  return { res, calledNext: rec.seen.length > 0, controller, step };
}

/** The contract every middleware passes (hono `common.case.test.ts` style). */
export function runMiddlewareCase(def: MiddlewareDefinition, c: MiddlewareCase): void {
  it('schema accepts the valid example and rejects the invalid one', () => {
    expect([...Value.Errors(def.schema, c.valid)]).toEqual([]);
    expect(Value.Check(def.schema, c.invalid)).toBe(false);
  });
  it('create builds once and the step calls next or answers', async () => {
    const { res, calledNext, controller } = await runOnce(def, c);
    expect(res.status).toBeGreaterThanOrEqual(100);
    expect(res.status).toBeLessThan(600);
    if (calledNext) expect(res.status).toBe(200);
    controller.abort();
  });
  it('a retired generation does not affect the next one', async () => {
    const first = await runOnce(def, c);
    const second = await runOnce(def, c);
    first.controller.abort();
    const ex = fakeExchange(c.request);
    const rec = recordingNext();
    const again = await second.step(ex, rec.make(ex));
    expect(again.status).toBe(second.res.status);
    expect(rec.seen.length > 0).toBe(second.calledNext);
    second.controller.abort();
  });
}
