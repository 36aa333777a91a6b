import { setTimeout as sleep } from 'node:timers/promises';
import { compileStatusRanges } from '@wharf/config';
import type { HttpExchange, HttpResponse, HttpStep, Next } from '@wharf/config';
import { bufferRequestBody } from '../body/request-body.js';
import { durationMs } from '../options/duration.js';
import { discardResponse } from '../response.js';
import type { MiddlewareContext } from '../types.js';
import { backoffDelayMs } from './backoff.js';
import { decideRetry, type RetryPolicy } from './decision.js';
import { DEFAULT_MAX_RETRY_BODY, type RetryOptions } from './schema.js';

interface CompiledRetry {
  attempts: number;
  initialMs: number;
  timeoutMs: number;
  maxBody: number;
  policy: RetryPolicy;
}

/**
 * Re-enters the rest of the chain (the service) while the decision allows it. The forwarder
 * records tried servers in `ex.triedServers`, so balancers send the retry elsewhere.
 */
export function createRetry(options: RetryOptions, ctx: MiddlewareContext): HttpStep {
  const c: CompiledRetry = {
    attempts: options.attempts,
    initialMs: durationMs(options.initialInterval, 100),
    timeoutMs: durationMs(options.timeout, 0),
    maxBody: options.maxRequestBodyBytes === undefined || options.maxRequestBodyBytes < 0 ? DEFAULT_MAX_RETRY_BODY : options.maxRequestBodyBytes,
    policy: {
      status: compileStatusRanges(options.status),
      disableRetryOnNetworkError: options.disableRetryOnNetworkError ?? false,
      retryNonIdempotentMethod: options.retryNonIdempotentMethod ?? false,
    },
  };
  return async (ex, next) => {
    if (ex.isUpgrade || c.attempts <= 1) return next();
    const replayable = (await bufferRequestBody(ex, c.maxBody)) === 'buffered';
    return attemptLoop(ex, next, c, replayable, ctx.signal);
  };
}

async function attemptLoop(ex: HttpExchange, next: Next, c: CompiledRetry, replayable: boolean, signal: AbortSignal): Promise<HttpResponse> {
  const started = performance.now();
  for (let tries = 1; ; tries++) {
    ex.requestSent = false;
    const res = await next();
    if (tries >= c.attempts) return res;
    const verdict = decideRetry(res, { method: ex.method, requestSent: ex.requestSent, replayable }, c.policy);
    if (verdict === 'keep') return res;
    const delay = backoffDelayMs(c.initialMs, tries, c.attempts);
    if (c.timeoutMs > 0 && performance.now() - started + delay > c.timeoutMs) return res;
    if (!(await pause(delay, signal, ex))) return res;
    discardResponse(res);
    ex.attempts += 1;
  }
}

/** false when the generation was retired or the client went away while waiting */
async function pause(ms: number, signal: AbortSignal, ex: HttpExchange): Promise<boolean> {
  if (signal.aborted || ex.res.destroyed) return false;
  if (ms <= 0) return true;
  try {
    await sleep(ms, undefined, { signal });
    return !ex.res.destroyed;
  } catch {
    return false;
  }
}
