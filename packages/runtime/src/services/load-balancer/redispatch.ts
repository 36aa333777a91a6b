import { UpstreamErrors } from '@wharf/config';
import type { HttpExchange, HttpResponse } from '@wharf/config';

/**
 * Connect-failure redispatch (HAProxy's `retries` + `option redispatch` for connection errors):
 * when the connection to a server failed before any request byte was sent (refused, unreachable,
 * connect timeout), the request goes to another server of the same service, for every method and
 * with or without the retry middleware, because no server has seen it. At most this many extra
 * servers per request; never one already tried; a response, a reset after the request left, or
 * an upgrade already answered are never redispatched.
 */
export const MAX_REDISPATCH = 3;

const CONNECT_FAILURES = new Set([UpstreamErrors.connectFailed.code, UpstreamErrors.timeout.code]);

/** true when `res` is a connect failure of an attempt that sent nothing, and another try is allowed. */
export function shouldRedispatch(ex: HttpExchange, res: HttpResponse, redispatched: number): boolean {
  if (redispatched >= MAX_REDISPATCH || ex.requestSent) return false;
  const code = res.error?.code;
  return code !== undefined && CONNECT_FAILURES.has(code);
}
