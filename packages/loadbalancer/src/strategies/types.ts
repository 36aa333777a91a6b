import type { ServerRef } from '../types.js';
import type { RandomSource } from '../random.js';

/** What a strategy sees of a server: identity, weight (> 0) and live in-flight count. */
export interface BalancedServer {
  readonly ref: ServerRef;
  /** position in the balancer's server list (stable for a generation) */
  readonly index: number;
  /** requests currently in flight (maintained by the balancer) */
  readonly inFlight: number;
}

/** Availability filter supplied per pick (health, exclusions). Must be cheap and pure. */
export type ServerFilter = (server: BalancedServer) => boolean;

export interface Strategy {
  /** picks among servers `accept` admits; may advance internal state (rotation) */
  pick(clientIP: string, accept: ServerFilter): BalancedServer | undefined;
  /** the server `pick` would return now, without side effects */
  peek(clientIP: string, accept: ServerFilter): BalancedServer | undefined;
  /**
   * For strategies that weigh response times (leasttime): a response head from `server` arrived
   * `ms` after its attempt started. The balancer only wires it for strategies that have it.
   */
  observe?(server: BalancedServer, ms: number): void;
}

export interface StrategyOptions {
  random: RandomSource;
}

export interface StrategyDefinition {
  readonly name: string;
  /** whether sticky cookies may sit on top (hrw is sticky by itself) */
  readonly supportsSticky: boolean;
  /** `servers` only holds servers with weight > 0 */
  create(servers: readonly BalancedServer[], options: StrategyOptions): Strategy;
}

/** Helper for a strategy folder's `index.ts`. */
export function defineStrategy(definition: StrategyDefinition): StrategyDefinition {
  return Object.freeze(definition);
}
