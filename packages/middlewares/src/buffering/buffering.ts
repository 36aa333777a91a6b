import { Readable } from 'node:stream';
import type { HttpExchange, HttpResponse, HttpStep, Next } from '@wharf/config';
import { bufferRequestBody } from '../body/request-body.js';
import { readStreamUpTo } from '../body/stream-peek.js';
import { evaluate, parseExpression, type Expr } from '../expression/expression.js';
import { discardResponse, setHeader, textResponse, withOwnHeaders } from '../response.js';
import type { BufferingOptions } from './schema.js';

const RETRY_FUNCTIONS = { IsNetworkError: 0, Attempts: 0, ResponseCode: 0 } as const;
/** hard stop for a retryExpression that never turns false */
const MAX_ATTEMPTS = 10;

async function bufferResponse(upstream: HttpResponse, limit: number): Promise<HttpResponse> {
  const res = withOwnHeaders(upstream);
  if (res.upgraded || res.body === null) return upstream;
  const body = res.body instanceof Readable ? await readStreamUpTo(res.body, limit) : Buffer.from(res.body);
  if (body === undefined || body.length > limit) return textResponse(500, 'Internal Server Error');
  setHeader(res.headers, 'content-length', body.length);
  setHeader(res.headers, 'transfer-encoding', undefined);
  return { ...res, body };
}

async function withRetries(ex: HttpExchange, next: Next, expr: Expr | undefined, replayable: boolean): Promise<HttpResponse> {
  for (let attempt = 1; ; attempt++) {
    const res = await next();
    if (!expr || !replayable || attempt >= MAX_ATTEMPTS || res.upgraded) return res;
    const again = evaluate(expr, {
      IsNetworkError: () => (res.error !== undefined ? 1 : 0),
      Attempts: () => attempt,
      ResponseCode: () => res.status,
    });
    if (!again) return res;
    discardResponse(res);
    ex.attempts += 1;
    ex.requestSent = false;
  }
}

/** Reads the whole request (413 over the limit) and/or response (500 over the limit) before passing it on. */
export function createBuffering(o: BufferingOptions): HttpStep {
  const maxReq = o.maxRequestBodyBytes ? o.maxRequestBodyBytes : Infinity;
  const maxRes = o.maxResponseBodyBytes ? o.maxResponseBodyBytes : Infinity;
  const expr = o.retryExpression ? parseExpression(o.retryExpression, RETRY_FUNCTIONS) : undefined;
  return async (ex, next) => {
    let replayable = false;
    if (!o.disableRequestBuffer && !ex.isUpgrade) {
      if ((await bufferRequestBody(ex, maxReq)) === 'too-large') return textResponse(413, 'Request Entity Too Large');
      replayable = true;
    }
    const res = await withRetries(ex, next, expr, replayable);
    return o.disableResponseBuffer ? res : bufferResponse(res, maxRes);
  };
}
