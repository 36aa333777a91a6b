import { LoadBalancerErrors } from '../errors.js';
import { hrw } from './hrw/index.js';
import { leastconn } from './leastconn/index.js';
import { p2c } from './p2c/index.js';
import type { StrategyDefinition } from './types.js';
import { wrr } from './wrr/index.js';

/** Every built-in strategy; adding one is one folder and one entry here. */
export const builtinStrategies: readonly StrategyDefinition[] = [wrr, p2c, leastconn, hrw];

export const defaultStrategy = 'wrr';

const byName = new Map(builtinStrategies.map((s) => [s.name, s]));

/** Looks a strategy up by its config name (`loadBalancer.strategy`); throws `WHARF_LB_UNKNOWN_STRATEGY`. */
export function resolveStrategy(name: string | undefined): StrategyDefinition {
  const definition = byName.get(name ?? defaultStrategy);
  if (definition === undefined) {
    throw LoadBalancerErrors.unknownStrategy(String(name), [...byName.keys()].join(', '));
  }
  return definition;
}
