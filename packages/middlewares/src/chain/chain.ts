import type { HttpStep } from '@wharf/config';
import type { MiddlewareContext } from '../types.js';
import { composeSteps } from './compose.js';
import type { ChainOptions } from './schema.js';

/** Resolves the listed middlewares once per generation (unknown/cyclic names throw a coded error). */
export function createChain(options: ChainOptions, ctx: MiddlewareContext): HttpStep {
  return composeSteps(ctx.resolveMiddlewares(options.middlewares));
}
