import type { ServerSlot } from '../server-slot.js';
import type { ProbeSchedule } from './health-options.js';
import type { ProbeResult } from './http-probe.js';

/**
 * One checker for every protocol: `T` is what a probe needs (an HTTP `ProbeTarget`, a TCP
 * `TcpProbeTarget`); the prober must resolve (never reject) and honour the signal.
 */
export interface HealthCheckerOptions<T> {
  targets: ReadonlyMap<ServerSlot, T>;
  prober: (target: T, signal: AbortSignal) => Promise<ProbeResult>;
  options: ProbeSchedule;
  /** the generation's signal: aborting it clears every timer and cancels probes in flight */
  signal: AbortSignal;
  now: () => number;
  onResult(slot: ServerSlot, result: ProbeResult, startedAt: number): void;
}

/**
 * Active health checks: one timer per server, next probe after `interval` when UP and
 * `unhealthyInterval` when DOWN. Timers are unref'd and bound to the generation's signal.
 */
export class HealthChecker<T> {
  private readonly timers = new Map<ServerSlot, ReturnType<typeof setTimeout>>();

  constructor(private readonly opts: HealthCheckerOptions<T>) {
    opts.signal.addEventListener('abort', () => this.stop(), { once: true });
  }

  /** schedules every server's first probe (`delay` 0 = probe at once) */
  start(delay: (slot: ServerSlot) => number): void {
    for (const slot of this.opts.targets.keys()) this.schedule(slot, delay(slot));
  }

  /** (re)schedules a server's next probe */
  schedule(slot: ServerSlot, delayMs: number): void {
    if (this.opts.signal.aborted) return;
    const existing = this.timers.get(slot);
    if (existing !== undefined) clearTimeout(existing);
    const timer = setTimeout(() => void this.run(slot), Math.max(0, delayMs));
    timer.unref();
    this.timers.set(slot, timer);
  }

  /** the delay before the next probe given the server's current state */
  nextDelay(slot: ServerSlot): number {
    return slot.up ? this.opts.options.intervalMs : this.opts.options.unhealthyIntervalMs;
  }

  private async run(slot: ServerSlot): Promise<void> {
    this.timers.delete(slot);
    const target = this.opts.targets.get(slot) as T;
    const startedAt = this.opts.now();
    let result: ProbeResult;
    try {
      result = await this.opts.prober(target, this.opts.signal);
    } catch (err) {
      // a custom prober broke its contract (it must resolve): record the failure on the server
      result = { ok: false, result: err instanceof Error ? err.name : 'error' };
    }
    if (this.opts.signal.aborted) return;
    this.opts.onResult(slot, result, startedAt);
    if (!this.timers.has(slot)) this.schedule(slot, this.nextDelay(slot));
  }

  private stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
