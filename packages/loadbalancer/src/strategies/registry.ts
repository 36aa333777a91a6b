import { LoadBalancerErrors } from '../errors.js';
import { hrw } from './hrw/index.js';
import { leastconn } from './leastconn/index.js';
import { leasttime } from './leasttime/index.js';
import { p2c } from './p2c/index.js';
import type { StrategyDefinition } from './types.js';
import { wrr } from './wrr/index.js';

/** Every built-in strategy; adding one is one folder and one entry here. */
export const builtinStrategies: readonly StrategyDefinition[] = [wrr, p2c, leastconn, hrw, leasttime];

/** The strategy of a `loadBalancer` without `strategy` (the one place the default is written). */
export const defaultStrategy: string = wrr.name;

const byName = new Map(builtinStrategies.map((s) => [s.name.toLowerCase(), s]));

/**
 * Looks a strategy up by its config name, case-insensitively and ignoring surrounding blanks
 * (`" P2C "` is `p2c`, as literal config values decode); undefined names the default.
 */
export function findStrategy(name: string | undefined): StrategyDefinition | undefined {
  return byName.get((name ?? defaultStrategy).trim().toLowerCase());
}

/** Like `findStrategy`, for builders: throws `WHARF_LB_UNKNOWN_STRATEGY` on an unknown name. */
export function resolveStrategy(name: string | undefined): StrategyDefinition {
  const definition = findStrategy(name);
  if (definition === undefined) {
    throw LoadBalancerErrors.unknownStrategy(String(name), builtinStrategies.map((s) => s.name).join(', '));
  }
  return definition;
}
