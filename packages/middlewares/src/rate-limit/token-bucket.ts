/** Outcome of taking one token: allowed after `delayMs` (0 = now), or refused with the wait it would need. */
export interface Reservation {
  allowed: boolean;
  delayMs: number;
}

export interface BucketParams {
  /** tokens per millisecond */
  ratePerMs: number;
  burst: number;
  /** longer waits are refused (429) instead of delayed */
  maxDelayMs: number;
}

/** A store of token buckets keyed by source; memory (answers synchronously) or redis. */
export interface BucketStore {
  reserve(key: string): Reservation | Promise<Reservation>;
  close(): void;
}

interface Bucket {
  tokens: number;
  last: number;
}

const MAX_KEYS = 65_536;

/** golang.org/x/time/rate semantics: refill at `ratePerMs` up to `burst`; a reservation may go negative by at most maxDelay. */
export function takeToken(b: Bucket | undefined, p: BucketParams, now: number): { bucket: Bucket; reservation: Reservation } {
  const start = b ?? { tokens: p.burst, last: now };
  const tokens = Math.min(p.burst, start.tokens + Math.max(0, now - start.last) * p.ratePerMs) - 1;
  const delayMs = tokens < 0 ? -tokens / p.ratePerMs : 0;
  if (delayMs > p.maxDelayMs) return { bucket: start, reservation: { allowed: false, delayMs } };
  return { bucket: { tokens, last: now }, reservation: { allowed: true, delayMs } };
}

/** In-process buckets, bounded (oldest key evicted first). */
export function createMemoryStore(p: BucketParams, now: () => number = () => performance.now()): BucketStore {
  const buckets = new Map<string, Bucket>();
  return {
    reserve(key) {
      const { bucket, reservation } = takeToken(buckets.get(key), p, now());
      buckets.delete(key);
      if (buckets.size >= MAX_KEYS) buckets.delete(buckets.keys().next().value as string);
      buckets.set(key, bucket);
      return reservation;
    },
    close: () => buckets.clear(),
  };
}
