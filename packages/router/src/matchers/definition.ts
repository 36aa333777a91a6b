import type { Matcher } from '../types.js';

/** One matcher family member (`Host`, `PathPrefix`, …) as the compiler sees it. */
export interface MatcherDefinition {
  /** canonical spelling, e.g. `PathPrefix` */
  readonly name: string;
  readonly minArgs: number;
  /** `Infinity` for the v2 multi-argument forms */
  readonly maxArgs: number;
  /** validates the (non-empty) arguments and precompiles; throws MatcherArgumentError */
  build(args: readonly string[]): Matcher;
  /**
   * Host keys the matcher requires for indexing: exact lower-case hosts or one-label wildcards
   * (`*.example.com`); null when it can match any host. Absent = not a host matcher (null).
   */
  hostKeys?(args: readonly string[]): string[] | null;
}

export const matchAll: Matcher = () => true;

/** `min`–`max` arguments, as an English phrase for arity errors */
export function describeArity(def: MatcherDefinition): string {
  const plural = (n: number): string => `${n} argument${n === 1 ? '' : 's'}`;
  if (def.maxArgs === Infinity) return `at least ${plural(def.minArgs)}`;
  if (def.minArgs === def.maxArgs) return plural(def.minArgs);
  return `${def.minArgs} or ${plural(def.maxArgs)}`;
}

/** OR of several matchers (the v2 multi-argument forms) without an array walk for one. */
export function anyOf(matchers: Matcher[]): Matcher {
  if (matchers.length === 1) return matchers[0];
  return (req) => {
    for (const m of matchers) if (m(req)) return true;
    return false;
  };
}
