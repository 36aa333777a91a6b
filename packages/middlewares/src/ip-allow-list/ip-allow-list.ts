import { STATUS_CODES } from 'node:http';
import type { HttpStep } from '@wharf/config';
import { textResponse } from '../response.js';
import { compileIPRanges } from '../source/ip-range.js';
import { compileIPStrategy } from '../source/ip-strategy.js';
import type { MiddlewareContext } from '../types.js';
import type { IPAllowListOptions } from './schema.js';

/** Lets through only clients whose (strategy-selected) IP is in `sourceRange`; others get 403. */
export function createIPAllowList(options: IPAllowListOptions, ctx: MiddlewareContext): HttpStep {
  const ranges = compileIPRanges(options.sourceRange, ctx.name);
  const clientIP = compileIPStrategy(options.ipStrategy, ctx.name);
  const status = options.rejectStatusCode ?? 403;
  const text = STATUS_CODES[status] ?? 'Forbidden';
  return (ex, next) => {
    const ip = clientIP(ex);
    if (ip !== '' && ranges.contains(ip)) return next();
    return Promise.resolve(textResponse(status, text));
  };
}
