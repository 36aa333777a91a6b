import { evaluate, parseExpression, type Expr } from '../expression/expression.js';
import { RollingMetrics } from './metrics.js';

export type BreakerState = 'closed' | 'open' | 'recovering';

export interface BreakerTimings {
  checkPeriodMs: number;
  fallbackMs: number;
  recoveryMs: number;
}

const BREAKER_FUNCTIONS = { NetworkErrorRatio: 0, ResponseCodeRatio: 4, LatencyAtQuantileMS: 1, RequestThreshold: 0 } as const;

/** closed → open (fallback) → recovering (linear ramp) → closed; tripping again from recovering re-opens. */
export class CircuitBreaker {
  readonly metrics = new RollingMetrics();
  private readonly expr: Expr;
  private state: BreakerState = 'closed';
  private until = 0;
  private recoverStart = 0;
  private lastCheck = -Infinity;
  private ramp = { allowed: 0, total: 0 };

  constructor(expression: string, private readonly t: BreakerTimings) {
    this.expr = parseExpression(expression, BREAKER_FUNCTIONS);
  }

  current(now: number): BreakerState {
    if (this.state === 'open' && now >= this.until) this.enter('recovering', this.until);
    if (this.state === 'recovering' && now >= this.recoverStart + this.t.recoveryMs) this.enter('closed', this.recoverStart + this.t.recoveryMs);
    return this.state;
  }

  /** Whether this request may go to the service. */
  allow(now: number): boolean {
    const state = this.current(now);
    if (state === 'closed') return true;
    if (state === 'open') return false;
    const target = this.t.recoveryMs <= 0 ? 1 : (now - this.recoverStart) / this.t.recoveryMs;
    this.ramp.total++;
    if (this.ramp.allowed / this.ramp.total < target) {
      this.ramp.allowed++;
      return true;
    }
    return false;
  }

  record(now: number, outcome: { status: number; networkError: boolean; latencyMs: number }): void {
    this.metrics.record(now, outcome);
    if (now - this.lastCheck < this.t.checkPeriodMs) return;
    this.lastCheck = now;
    if (this.current(now) !== 'open' && this.tripped(now)) {
      this.enter('open', now);
    }
  }

  private tripped(now: number): boolean {
    const m = this.metrics;
    return evaluate(this.expr, {
      NetworkErrorRatio: () => m.networkErrorRatio(now),
      ResponseCodeRatio: (a, b, c, d) => m.responseCodeRatio(now, a, b, c, d),
      LatencyAtQuantileMS: (q) => m.latencyAtQuantileMs(now, q),
      RequestThreshold: () => m.total(now),
    }) !== 0;
  }

  private enter(state: BreakerState, now: number): void {
    this.state = state;
    if (state === 'open') this.until = now + this.t.fallbackMs;
    if (state === 'recovering') {
      this.recoverStart = now;
      this.ramp = { allowed: 0, total: 0 };
    }
    this.metrics.reset();
  }
}
