import type { WharfCertificate } from '@wharf/config';

/** Less than this left is a warning, as Traefik's overview counts certificates (14 days). */
const EXPIRY_WARNING_DAYS = 14;
const DAY_MS = 24 * 3600 * 1000;

type ExpiryState = 'valid' | 'expiring' | 'expired' | 'unknown';

export interface Expiry {
  state: ExpiryState;
  /** whole days left (negative once expired); undefined when notAfter is not a date */
  daysLeft?: number;
}

/** How close `notAfter` is to `now`: expired, expiring within 14 days, or valid. */
export function expiryOf(notAfter: string, now: number = Date.now()): Expiry {
  const at = Date.parse(notAfter);
  if (!Number.isFinite(at)) return { state: 'unknown' };
  const left = at - now;
  const daysLeft = left >= 0 ? Math.floor(left / DAY_MS) : -Math.ceil(-left / DAY_MS);
  if (left < 0) return { state: 'expired', daysLeft };
  return { state: left < EXPIRY_WARNING_DAYS * DAY_MS ? 'expiring' : 'valid', daysLeft };
}

/** "in 5 days", "expired 3 days ago", "expires today". */
export function expiryText(e: Expiry): string {
  if (e.daysLeft === undefined) return 'no expiry date';
  if (e.state === 'expired') return e.daysLeft === 0 ? 'expired today' : `expired ${-e.daysLeft} day${e.daysLeft === -1 ? '' : 's'} ago`;
  if (e.daysLeft === 0) return 'expires today';
  return `in ${e.daysLeft} day${e.daysLeft === 1 ? '' : 's'}`;
}

/**
 * The status the dashboard shows (and filters by): an error or an expired certificate is an error,
 * one expiring within 14 days or with warnings a warning. The API's own status cannot know "now".
 */
export function certificateState(c: WharfCertificate, now: number = Date.now()): WharfCertificate['status'] {
  const e = expiryOf(c.notAfter, now);
  if (c.status === 'disabled' || c.errors.length > 0 || e.state === 'expired') return 'disabled';
  if (c.status === 'warning' || c.warnings.length > 0 || e.state === 'expiring') return 'warning';
  return 'enabled';
}

/** Where the certificate comes from, in words. */
export function sourceText(source: WharfCertificate['source']): string {
  switch (source.kind) {
    case 'file':
      return source.path;
    case 'inline':
      return source.provider ? `inline PEM (${source.provider})` : 'inline PEM';
    case 'resolver':
      return `resolver ${source.resolver}`;
    case 'default':
      return 'generated default certificate';
  }
}
