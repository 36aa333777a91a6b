import type { HttpResponse, StatusMatcher } from '@wharf/config';

const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

export interface RetryPolicy {
  status: StatusMatcher;
  disableRetryOnNetworkError: boolean;
  retryNonIdempotentMethod: boolean;
}

export interface AttemptFacts {
  method: string;
  /** request bytes reached the server in this attempt */
  requestSent: boolean;
  /** the request body can be sent again (buffered or absent) */
  replayable: boolean;
}

export type RetryVerdict = 'retry' | 'keep';

/**
 * Whether one attempt's response may be retried (HAProxy's guarantees):
 * nothing reached a server → retry any method; after that only idempotent methods
 * (or all with retryNonIdempotentMethod); status ranges apply to real responses only.
 */
export function decideRetry(res: HttpResponse, facts: AttemptFacts, policy: RetryPolicy): RetryVerdict {
  if (res.upgraded || !facts.replayable) return 'keep';
  const methodSafe = policy.retryNonIdempotentMethod || IDEMPOTENT_METHODS.has(facts.method.toUpperCase());
  if (res.error) {
    if (policy.disableRetryOnNetworkError) return 'keep';
    if (res.error.code === 'WHARF_NO_AVAILABLE_SERVER') return 'keep';
    if (res.error.code === 'WHARF_UPSTREAM_CONNECT' || !facts.requestSent) return 'retry';
    return methodSafe ? 'retry' : 'keep';
  }
  return methodSafe && policy.status(res.status) ? 'retry' : 'keep';
}
