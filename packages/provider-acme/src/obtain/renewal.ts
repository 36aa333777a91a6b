/**
 * When to renew (Traefik's `getCertificateRenewDurations`, by `certificatesDuration`), with the
 * brief's rule on top: a certificate is renewed 30 days before expiry for 90-day lifetimes, and
 * a third of its actual lifetime before expiry when that is shorter.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function renewBeforeMs(durationHours: number): { renewBefore: number; checkEvery: number } {
  const d = durationHours * HOUR;
  if (d >= 365 * DAY) return { renewBefore: 120 * DAY, checkEvery: 7 * DAY };
  if (d >= 90 * DAY) return { renewBefore: 30 * DAY, checkEvery: DAY };
  if (d >= 30 * DAY) return { renewBefore: 10 * DAY, checkEvery: 12 * HOUR };
  if (d >= 6 * DAY) return { renewBefore: 2 * DAY, checkEvery: 2 * HOUR };
  if (d >= DAY) return { renewBefore: 6 * HOUR, checkEvery: 10 * 60_000 };
  return { renewBefore: 20 * 60_000, checkEvery: 60_000 };
}

/** Whether a certificate valid from `notBefore` to `notAfter` is due for renewal at `now`. */
export function needsRenewal(notBefore: Date, notAfter: Date, now: Date, durationHours: number): boolean {
  const lifetime = notAfter.getTime() - notBefore.getTime();
  const { renewBefore } = renewBeforeMs(durationHours);
  const before = Math.min(renewBefore, lifetime / 3);
  return now.getTime() >= notAfter.getTime() - before;
}

/** Retry delay after `failures` consecutive failures: 10 s doubling, capped at 1 h. */
export const retryDelayMs = (failures: number): number => Math.min(10_000 * 2 ** Math.max(0, failures - 1), HOUR);
