import type { MiddlewareContext } from '../types.js';
import { defineMiddleware } from '../types.js';
import { createCircuitBreaker } from './circuit-breaker.js';
import { CircuitBreakerSchema, type CircuitBreakerOptions } from './schema.js';

export const circuitBreaker = defineMiddleware({
  key: 'circuitBreaker',
  schema: CircuitBreakerSchema,
  scope: 'router',
  create: (options: CircuitBreakerOptions, ctx: MiddlewareContext) => createCircuitBreaker(options, ctx),
});
