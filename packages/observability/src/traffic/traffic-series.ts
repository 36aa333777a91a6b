import { LATENCY_BUCKETS, latencyBucket, latencyQuantile } from './latency-buckets.js';
import type { TrafficSeriesPoints, TrafficSummary } from './traffic-types.js';

export const SLOT_MS = 10_000;
export const SLOTS = 90;
/** completed slots the current rate is computed over */
const RATE_SLOTS = 3;
const CLASSES = 5;

/** reused by summaries: the process is single-threaded and summaries never nest */
const scratch = new Float64Array(LATENCY_BUCKETS);

/** The wire summary's numbers (TrafficSummary) plus the in-flight estimates of the stats table. */
export interface WindowSummary extends Pick<TrafficSummary, 'rps' | 'p50' | 'p95' | 'p99' | 'requests' | 'status' | 'errorRate'> {
  /** estimated in-flight requests in the last completed slot, and the window's highest */
  concurrency: number;
  maxConcurrency: number;
}

/**
 * One element's last 15 minutes: a ring of 90 ten-second slots, each with a status-class split,
 * a fixed-bucket latency histogram and busy time. Typed arrays allocated once; a slot is zeroed
 * when the clock moves into it again.
 */
export class TrafficSeries {
  private readonly slotIds = new Float64Array(SLOTS).fill(-1);
  private readonly status = new Uint32Array(SLOTS * CLASSES);
  private readonly latency = new Uint32Array(SLOTS * LATENCY_BUCKETS);
  private readonly busyMs = new Float64Array(SLOTS);
  total = 0;
  errors = 0;
  retries = 0;

  record(slot: number, status: number, durationMs: number, attempts: number): void {
    const i = slot % SLOTS;
    if (this.slotIds[i] !== slot) this.resetSlot(i, slot);
    const cls = status < 100 ? 4 : status >= 600 ? 4 : Math.floor(status / 100) - 1;
    this.status[i * CLASSES + cls]! += 1;
    this.latency[i * LATENCY_BUCKETS + latencyBucket(durationMs)]! += 1;
    this.busyMs[i]! += durationMs;
    this.total += 1;
    this.retries += attempts;
    if (status >= 500 || status < 100) this.errors += 1;
  }

  private resetSlot(i: number, slot: number): void {
    this.slotIds[i] = slot;
    this.status.fill(0, i * CLASSES, (i + 1) * CLASSES);
    this.latency.fill(0, i * LATENCY_BUCKETS, (i + 1) * LATENCY_BUCKETS);
    this.busyMs[i] = 0;
  }

  /** ring index of `slot` if it still holds that slot's data, else -1 */
  private indexOf(slot: number): number {
    const i = slot % SLOTS;
    return slot >= 0 && this.slotIds[i] === slot ? i : -1;
  }

  private slotCount(i: number): number {
    let n = 0;
    for (let c = 0; c < CLASSES; c++) n += this.status[i * CLASSES + c]!;
    return n;
  }

  /** true when nothing was recorded in the window ending at `current` */
  idle(current: number): boolean {
    for (let s = current - SLOTS + 1; s <= current; s++) if (this.indexOf(s) >= 0) return false;
    return true;
  }

  summarize(current: number): WindowSummary {
    scratch.fill(0);
    const split = [0, 0, 0, 0, 0];
    let maxBusy = 0;
    for (let s = current - SLOTS + 1; s <= current; s++) {
      const i = this.indexOf(s);
      if (i < 0) continue;
      for (let c = 0; c < CLASSES; c++) split[c]! += this.status[i * CLASSES + c]!;
      for (let b = 0; b < LATENCY_BUCKETS; b++) scratch[b]! += this.latency[i * LATENCY_BUCKETS + b]!;
      if (s < current) maxBusy = Math.max(maxBusy, this.busyMs[i]!);
    }
    let recent = 0;
    for (let s = current - RATE_SLOTS; s < current; s++) {
      const i = this.indexOf(s);
      if (i >= 0) recent += this.slotCount(i);
    }
    const requests = split.reduce((a, b) => a + b, 0);
    const last = this.indexOf(current - 1);
    return {
      rps: recent / ((RATE_SLOTS * SLOT_MS) / 1000),
      p50: latencyQuantile(scratch, 0.5),
      p95: latencyQuantile(scratch, 0.95),
      p99: latencyQuantile(scratch, 0.99),
      requests,
      status: { '1xx': split[0]!, '2xx': split[1]!, '3xx': split[2]!, '4xx': split[3]!, '5xx': split[4]! },
      errorRate: requests === 0 ? 0 : split[4]! / requests,
      concurrency: last < 0 ? 0 : this.busyMs[last]! / SLOT_MS,
      maxConcurrency: maxBusy / SLOT_MS,
    };
  }

  /** per completed slot, oldest first: the SLOTS slots before `current` */
  points(current: number): TrafficSeriesPoints {
    const rps: number[] = [];
    const p95: number[] = [];
    const errors: number[] = [];
    for (let s = current - SLOTS; s < current; s++) {
      const i = this.indexOf(s);
      if (i < 0) {
        rps.push(0), p95.push(0), errors.push(0);
        continue;
      }
      rps.push(this.slotCount(i) / (SLOT_MS / 1000));
      p95.push(latencyQuantile(this.latency.subarray(i * LATENCY_BUCKETS, (i + 1) * LATENCY_BUCKETS), 0.95));
      errors.push(this.status[i * CLASSES + 4]!);
    }
    return { rps, p95, errors };
  }
}
