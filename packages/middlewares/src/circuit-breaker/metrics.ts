const BUCKETS = 10;
const BUCKET_MS = 1000;
const MAX_SAMPLES_PER_BUCKET = 1024;

interface Bucket {
  start: number;
  total: number;
  networkErrors: number;
  codes: Map<number, number>;
  latencies: number[];
}

const emptyBucket = (start: number): Bucket => ({ start, total: 0, networkErrors: 0, codes: new Map(), latencies: [] });

/** Request outcomes over a rolling 10 × 1s window (oxy's RTMetrics). */
export class RollingMetrics {
  private buckets: Bucket[] = [];

  record(now: number, outcome: { status: number; networkError: boolean; latencyMs: number }): void {
    const start = Math.floor(now / BUCKET_MS) * BUCKET_MS;
    let b = this.buckets[this.buckets.length - 1];
    if (!b || b.start !== start) {
      b = emptyBucket(start);
      this.buckets.push(b);
    }
    this.prune(now);
    b.total++;
    if (outcome.networkError) b.networkErrors++;
    else b.codes.set(outcome.status, (b.codes.get(outcome.status) ?? 0) + 1);
    if (b.latencies.length < MAX_SAMPLES_PER_BUCKET) b.latencies.push(outcome.latencyMs);
  }

  reset(): void {
    this.buckets = [];
  }

  private prune(now: number): void {
    const oldest = now - BUCKETS * BUCKET_MS;
    while (this.buckets.length > 0 && this.buckets[0]!.start <= oldest) this.buckets.shift();
  }

  private live(now: number): Bucket[] {
    this.prune(now);
    return this.buckets;
  }

  total(now: number): number {
    return this.live(now).reduce((n, b) => n + b.total, 0);
  }

  networkErrorRatio(now: number): number {
    const total = this.total(now);
    return total === 0 ? 0 : this.live(now).reduce((n, b) => n + b.networkErrors, 0) / total;
  }

  /** codes in [from, to) over codes in [divFrom, divTo) */
  responseCodeRatio(now: number, from: number, to: number, divFrom: number, divTo: number): number {
    let num = 0;
    let den = 0;
    for (const b of this.live(now)) {
      for (const [code, n] of b.codes) {
        if (code >= from && code < to) num += n;
        if (code >= divFrom && code < divTo) den += n;
      }
    }
    return den === 0 ? 0 : num / den;
  }

  latencyAtQuantileMs(now: number, quantile: number): number {
    const all = this.live(now).flatMap((b) => b.latencies).sort((a, b) => a - b);
    if (all.length === 0) return 0;
    const idx = Math.min(all.length - 1, Math.max(0, Math.ceil((quantile / 100) * all.length) - 1));
    return all[idx]!;
  }
}
