import { matchStatusRanges, parseStatusRange, type StatusRange } from '@wharf/config';
import type { RequestRecord } from '@wharf/config';

/**
 * Traefik's `accessLog.filters`: a request is logged when it matches any configured filter
 * (status code ranges, retried, slower than minDuration). No filter = log everything.
 */
export interface AccessLogFilters {
  /** e.g. ['200', '300-302', '500-599']: one range per item (config's `parseStatusRange`), malformed ones ignored */
  statusCodes?: readonly string[];
  /** log requests that were retried */
  retryAttempts?: boolean;
  /** ms; log requests that took longer */
  minDurationMs?: number;
}

/** A predicate over finished requests, or undefined when every request is logged. */
export function compileLogFilters(filters: AccessLogFilters | undefined): ((r: RequestRecord) => boolean) | undefined {
  if (filters === undefined) return undefined;
  const ranges = (filters.statusCodes ?? []).map(parseStatusRange).filter((r): r is StatusRange => r !== undefined);
  const retried = filters.retryAttempts === true;
  const minMs = filters.minDurationMs ?? 0;
  if (ranges.length === 0 && !retried && minMs <= 0) return undefined;
  const statusKept = matchStatusRanges(ranges);
  return (r) => (retried && r.attempts > 0) || (minMs > 0 && r.durationMs > minMs) || statusKept(r.status);
}
