import type { ServerSlot } from '../server-slot.js';
import type { AttemptOutcome, HealthRegistry } from '../types.js';
import type { PassiveHealthOptions, ProbeSchedule } from './health-options.js';
import type { ProbeResult } from './http-probe.js';
import { ejectionKey, passiveEjections } from './passive-ejections.js';
import { applyProbe } from './probe-verdict.js';

export interface ServerHealthOptions {
  serviceName: string;
  registry: HealthRegistry;
  slots: readonly ServerSlot[];
  active?: ProbeSchedule;
  passive?: PassiveHealthOptions;
  signal: AbortSignal;
  now: () => number;
  /** asks the active checker to probe this server again after `delayMs` */
  recheck?: (slot: ServerSlot, delayMs: number) => void;
}

/**
 * Owns every server's UP/DOWN verdict for one balancer generation: initial state (carried over
 * from the registry), active probe results, passive ejections with their cap, and publication
 * to the shared registry.
 */
export class ServerHealth {
  private readonly pickable: number;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly ejections: Map<string, number>;

  private awaitingFirstProbe = 0;
  private settle: (() => void) | undefined;
  /** resolves when no server is still waiting for its first probe, or on abort */
  readonly ready: Promise<void>;

  constructor(private readonly opts: ServerHealthOptions) {
    this.pickable = opts.slots.filter((s) => s.ref.weight > 0).length;
    this.ejections = passiveEjections(opts.registry);
    for (const slot of opts.slots) this.initialise(slot);
    this.awaitingFirstProbe = opts.slots.filter((s) => s.counters.initial).length;
    this.ready = new Promise((resolve) => {
      this.settle = resolve;
    });
    if (this.awaitingFirstProbe === 0 || opts.signal.aborted) this.settle?.();
    opts.signal.addEventListener(
      'abort',
      () => {
        this.clearTimers();
        this.settle?.();
      },
      { once: true },
    );
  }

  /** ms until a server's first probe: at once unless the registry knows a recent check */
  firstProbeDelay(slot: ServerSlot): number {
    const active = this.opts.active;
    if (active === undefined || slot.lastCheck === undefined || slot.counters.initial) return 0;
    const every = slot.up ? active.intervalMs : active.unhealthyIntervalMs;
    return Math.max(0, Date.parse(slot.lastCheck) + every - this.opts.now());
  }

  onProbe(slot: ServerSlot, result: ProbeResult, startedAt: number): void {
    const wasInitial = slot.counters.initial;
    slot.counters = applyProbe(slot.counters, result.ok, this.opts.active as ProbeSchedule);
    if (wasInitial && --this.awaitingFirstProbe === 0) this.settle?.();
    slot.lastCheck = new Date(this.opts.now()).toISOString();
    slot.lastResult = result.result;
    // with an active check configured, the active check owns recovery from a passive ejection
    if (result.ok && slot.passiveOut && slot.counters.up && startedAt >= slot.ejectedAt) slot.passiveOut = false;
    this.publish(slot);
  }

  onAttemptEnd(slot: ServerSlot, outcome: AttemptOutcome): void {
    const passive = this.opts.passive;
    if (passive === undefined) return;
    const failed = outcome.networkError || (outcome.status ?? 0) >= 500;
    if (!failed) {
      if (slot.failureTimes.length > 0) slot.failureTimes = [];
      return;
    }
    if (slot.passiveOut) return;
    const now = this.opts.now();
    const times = slot.failureTimes.filter((t) => t > now - passive.failureWindowMs);
    times.push(now);
    slot.failureTimes = times;
    if (times.length >= passive.maxFailedAttempts && this.mayEject(passive)) this.eject(slot, passive, now);
  }

  private initialise(slot: ServerSlot): void {
    const previous = this.opts.registry.get(this.opts.serviceName, slot.ref.url);
    if (this.opts.active !== undefined) {
      if (previous === undefined) {
        slot.counters = { up: false, initial: true, successes: 0, failures: 0 };
      } else {
        const initial = previous.reason === 'initial';
        slot.counters = { up: previous.state === 'UP', initial, successes: 0, failures: 0 };
        slot.lastCheck = previous.lastCheck;
        slot.lastResult = previous.lastResult;
        // a passive ejection carried over: stay DOWN until the active check sees a success
      }
    } else if (this.opts.passive !== undefined) {
      this.resumeEjection(slot, this.opts.passive);
    }
    this.publish(slot);
  }

  /** keeps a passive ejection of the previous generation until its end (within the cap) */
  private resumeEjection(slot: ServerSlot, passive: PassiveHealthOptions): void {
    const key = ejectionKey(this.opts.serviceName, slot.ref.url);
    const until = this.ejections.get(key);
    if (until === undefined) return;
    const now = this.opts.now();
    if (until <= now || !this.mayEject(passive)) {
      this.ejections.delete(key);
      return;
    }
    slot.passiveOut = true;
    slot.ejectedAt = until - passive.failureWindowMs;
    this.scheduleRestore(slot, until - now);
  }

  /** Envoy's max-ejection cap: never hold out more than the configured share of servers. */
  private mayEject(passive: PassiveHealthOptions): boolean {
    let ejected = 0;
    for (const s of this.opts.slots) if (s.passiveOut && s.ref.weight > 0) ejected++;
    return ejected + 1 <= Math.floor((this.pickable * passive.maxEjectionPercent) / 100);
  }

  private eject(slot: ServerSlot, passive: PassiveHealthOptions, now: number): void {
    slot.passiveOut = true;
    slot.ejectedAt = now;
    slot.failureTimes = [];
    this.publish(slot);
    if (this.opts.active !== undefined && this.opts.recheck !== undefined) {
      this.opts.recheck(slot, this.opts.active.unhealthyIntervalMs);
      return;
    }
    this.ejections.set(ejectionKey(this.opts.serviceName, slot.ref.url), now + passive.failureWindowMs);
    this.scheduleRestore(slot, passive.failureWindowMs);
  }

  private scheduleRestore(slot: ServerSlot, delayMs: number): void {
    if (this.opts.signal.aborted) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.ejections.delete(ejectionKey(this.opts.serviceName, slot.ref.url));
      slot.passiveOut = false;
      this.publish(slot);
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  private publish(slot: ServerSlot): void {
    slot.refresh();
    this.opts.registry.set(this.opts.serviceName, slot.info());
  }

  private clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
