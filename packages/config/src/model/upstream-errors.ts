import { defineError } from '../errors.js';

/**
 * Upstream failure codes shared by the forwarder (proxy), the balancers (runtime) and the
 * middlewares that react to failures (retry, circuitBreaker, errors). Status mapping:
 * connect refused/reset → 502, timeout → 504, no server → 503.
 */
export const UpstreamErrors = {
  /** dial failed: no request byte reached the server (safe to retry for every method) */
  connectFailed: defineError('WHARF_UPSTREAM_CONNECT', 502, (detail: string) => `connect failed: ${detail}`),
  /** connection reset/closed after the request was (partly) written */
  reset: defineError('WHARF_UPSTREAM_RESET', 502, (detail: string) => `upstream connection reset: ${detail}`),
  /** no response headers in time */
  timeout: defineError('WHARF_UPSTREAM_TIMEOUT', 504, (detail: string) => `upstream timeout: ${detail}`),
  /** the service has no server that can take the request */
  noServer: defineError('WHARF_NO_AVAILABLE_SERVER', 503, () => 'no available server'),
  /** malformed upstream response */
  badResponse: defineError('WHARF_UPSTREAM_BAD_RESPONSE', 502, (detail: string) => `bad upstream response: ${detail}`),
} as const;
