import { STATUS_CODES } from 'node:http';
import type { HttpStep } from '@wharf/config';
import { durationMs } from '../options/duration.js';
import { textResponse } from '../response.js';
import { CircuitBreaker } from './breaker.js';
import type { CircuitBreakerOptions } from './schema.js';

const NETWORK_ERRORS = new Set(['WHARF_UPSTREAM_CONNECT', 'WHARF_UPSTREAM_RESET', 'WHARF_UPSTREAM_TIMEOUT', 'WHARF_UPSTREAM_BAD_RESPONSE']);

/** One breaker per middleware instance per generation; no timers (state advances on requests). */
export function createCircuitBreaker(options: CircuitBreakerOptions, _ctx?: unknown, now: () => number = () => performance.now()): HttpStep {
  const breaker = new CircuitBreaker(options.expression, {
    checkPeriodMs: durationMs(options.checkPeriod, 100),
    fallbackMs: durationMs(options.fallbackDuration, 10_000),
    recoveryMs: durationMs(options.recoveryDuration, 10_000),
  });
  const code = options.responseCode ?? 503;
  const text = STATUS_CODES[code] ?? 'Service Unavailable';
  return async (_ex, next) => {
    const start = now();
    if (!breaker.allow(start)) return textResponse(code, text);
    const res = await next();
    const end = now();
    breaker.record(end, {
      status: res.status,
      networkError: res.error !== undefined && NETWORK_ERRORS.has(res.error.code),
      latencyMs: end - start,
    });
    return res;
  };
}
