import type { ServerHealthInfo } from '@wharf/config';
import type { ProbeCounters } from './health/probe-verdict.js';
import type { BalancedServer } from './strategies/types.js';
import type { PickResult, ServerRef } from './types.js';

export type DownReason = ServerHealthInfo['reason'];

/**
 * One server of one balancer generation: identity, in-flight count, health verdicts and the
 * precomputed pick results (frozen, shared: treat a `PickResult` as read-only).
 */
export class ServerSlot implements BalancedServer {
  inFlight = 0;
  /** may take traffic: active verdict UP and not passively ejected (kept in sync by `refresh`) */
  up = true;
  counters: ProbeCounters = { up: true, initial: false, successes: 0, failures: 0 };
  passiveOut = false;
  ejectedAt = 0;
  failureTimes: number[] = [];
  reason: DownReason;
  lastCheck: string | undefined;
  lastResult: string | undefined;
  readonly plainResult: PickResult;
  stickyResult: PickResult;

  constructor(
    readonly ref: ServerRef,
    readonly index: number,
  ) {
    this.plainResult = Object.freeze({ server: ref });
    this.stickyResult = this.plainResult;
  }

  refresh(): void {
    this.up = this.counters.up && !this.passiveOut;
    if (this.passiveOut) this.reason = 'passive';
    else if (!this.counters.up) this.reason = this.counters.initial ? 'initial' : 'active-check';
    else this.reason = undefined;
  }

  info(): ServerHealthInfo {
    const info: ServerHealthInfo = { url: this.ref.url, state: this.up ? 'UP' : 'DOWN' };
    if (this.lastCheck !== undefined) info.lastCheck = this.lastCheck;
    if (this.lastResult !== undefined) info.lastResult = this.lastResult;
    if (this.reason !== undefined) info.reason = this.reason;
    return info;
  }
}
