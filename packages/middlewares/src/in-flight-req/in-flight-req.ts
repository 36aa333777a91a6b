import type { HttpStep } from '@wharf/config';
import { onResponseDone } from '../body/response-end.js';
import { textResponse } from '../response.js';
import { compileSourceCriterion } from '../source/source-criterion.js';
import type { MiddlewareContext } from '../types.js';
import type { InFlightReqOptions } from './schema.js';

/** At most `amount` simultaneous requests per source; the rest get 429 at once. */
export function createInFlightReq(options: InFlightReqOptions, ctx: MiddlewareContext): HttpStep {
  const source = compileSourceCriterion(options.sourceCriterion, ctx.name);
  const inFlight = new Map<string, number>();
  const release = (key: string) => {
    const n = (inFlight.get(key) ?? 1) - 1;
    if (n <= 0) inFlight.delete(key);
    else inFlight.set(key, n);
  };
  return async (ex, next) => {
    const key = source(ex);
    const current = inFlight.get(key) ?? 0;
    if (current >= options.amount) return textResponse(429, 'Too Many Requests');
    inFlight.set(key, current + 1);
    try {
      const res = await next();
      onResponseDone(res, () => release(key));
      return res;
    } catch (err) {
      release(key);
      throw err;
    }
  };
}
