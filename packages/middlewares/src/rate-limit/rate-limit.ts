import { setTimeout as sleep } from 'node:timers/promises';
import type { HttpResponse, HttpStep } from '@wharf/config';
import { durationMs } from '../options/duration.js';
import { textResponse } from '../response.js';
import { compileSourceCriterion } from '../source/source-criterion.js';
import type { MiddlewareContext } from '../types.js';
import { createRedisStore } from './redis-store.js';
import type { RateLimitOptions } from './schema.js';
import { createMemoryStore, type BucketParams, type BucketStore, type Reservation } from './token-bucket.js';

/** Go's Duration.String for the X-Retry-In header (`250ms`, `1.5s`). */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms * 1000) / 1000}ms`;
  return `${Math.round(ms) / 1000}s`;
}

/** Traefik's maxDelay: 500ms below one request per second, else half an emission interval. */
export function bucketParams(options: RateLimitOptions): BucketParams | undefined {
  const average = options.average ?? 0;
  const periodMs = durationMs(options.period, 1000) || 1000;
  if (average <= 0) return undefined;
  const perSecond = (average * 1000) / periodMs;
  return { ratePerMs: perSecond / 1000, burst: options.burst ?? 1, maxDelayMs: perSecond < 1 ? 500 : 1000 / (Math.floor(perSecond) * 2) };
}

/** Token bucket per source: short waits are absorbed, longer ones get 429 + Retry-After/X-Retry-In. */
export function createRateLimit(options: RateLimitOptions, ctx: MiddlewareContext): HttpStep {
  const params = bucketParams(options);
  if (!params) return (_ex, next) => next();
  const source = compileSourceCriterion(options.sourceCriterion, ctx.name);
  const store: BucketStore = options.redis
    ? createRedisStore(options.redis, params, `wharf:ratelimit:${ctx.name}:`, (err) => ctx.signal.aborted || reportRedisError(ctx, err))
    : createMemoryStore(params);
  ctx.signal.addEventListener('abort', () => store.close(), { once: true });
  const decide = ({ allowed, delayMs }: Reservation, next: () => Promise<HttpResponse>): Promise<HttpResponse> => {
    if (!allowed) {
      return Promise.resolve(textResponse(429, 'Too Many Requests', { 'retry-after': String(Math.ceil(delayMs / 1000)), 'x-retry-in': goDuration(delayMs) }));
    }
    if (delayMs > 0) return sleep(delayMs, undefined, { signal: ctx.signal }).catch(() => undefined).then(next);
    return next();
  };
  // the memory store answers synchronously: no promise hop on the hot path
  return (ex, next) => {
    const reservation = store.reserve(source(ex));
    return reservation instanceof Promise ? reservation.then((r) => decide(r, next)) : decide(reservation, next);
  };
}

const lastReport = new WeakMap<MiddlewareContext, number>();
/** at most one warning per 10s per middleware instance */
function reportRedisError(ctx: MiddlewareContext, err: unknown): void {
  const now = Date.now();
  if (now - (lastReport.get(ctx) ?? 0) < 10_000) return;
  lastReport.set(ctx, now);
  const fields = { middleware: ctx.name, error: (err as Error).message };
  if (ctx.logger) ctx.logger.warn('rateLimit: redis unavailable, letting requests through', fields);
  else console.warn('[wharf] rateLimit: redis unavailable, letting requests through', fields);
}
