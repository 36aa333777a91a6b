import type { RequestRecord } from '@wharf/config';

/**
 * Traefik's `accessLog.filters`: a request is logged when it matches any configured filter
 * (status code ranges, retried, slower than minDuration). No filter = log everything.
 */
export interface AccessLogFilters {
  /** e.g. ['200', '300-302', '500-599'] */
  statusCodes?: readonly string[];
  /** log requests that were retried */
  retryAttempts?: boolean;
  /** ms; log requests that took longer */
  minDurationMs?: number;
}

function parseRange(spec: string): [number, number] | undefined {
  const m = /^\s*(\d{3})\s*(?:-\s*(\d{3})\s*)?$/.exec(spec);
  if (m === null) return undefined;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  return lo <= hi ? [lo, hi] : undefined;
}

/** A predicate over finished requests, or undefined when every request is logged. */
export function compileLogFilters(filters: AccessLogFilters | undefined): ((r: RequestRecord) => boolean) | undefined {
  if (filters === undefined) return undefined;
  const ranges = (filters.statusCodes ?? []).map(parseRange).filter((r): r is [number, number] => r !== undefined);
  const retried = filters.retryAttempts === true;
  const minMs = filters.minDurationMs ?? 0;
  if (ranges.length === 0 && !retried && minMs <= 0) return undefined;
  return (r) => {
    if (retried && r.attempts > 0) return true;
    if (minMs > 0 && r.durationMs > minMs) return true;
    for (const [lo, hi] of ranges) if (r.status >= lo && r.status <= hi) return true;
    return false;
  };
}
