import type { RuleSyntax } from '@wharf/config';
import type { CreateLoadBalancer, HealthRegistry, StrategyDefinition } from '@wharf/loadbalancer';
import type { MiddlewareDefinition } from '@wharf/middlewares';
import type { ParsedRule, RouteEntry, RouteTable } from '@wharf/router';

type ParseRule = (rule: string, syntax: RuleSyntax) => ParsedRule;
type CreateRouteTable = <T>(entries: Array<RouteEntry<T>>) => RouteTable<T>;

interface OptionsIssue {
  path: string;
  /** complete text, path included (decodeWithSchema's wording) */
  message: string;
}

/** Decodes one middleware's options with its schema (label strings coerced); `value` undefined on issues. */
export type DecodeMiddlewareOptions = (
  schema: MiddlewareDefinition['schema'],
  raw: unknown,
  path: string,
) => { value: unknown; issues: OptionsIssue[] };

/**
 * Everything the runtime takes from @wharf/router, @wharf/loadbalancer, @wharf/middlewares and
 * @wharf/config's decoder. Injected so tests can pass small fakes; `createRuntime` fills the
 * missing ones from `defaultDeps` (default-deps.ts), the one place that imports the real ones.
 */
export interface RuntimeDeps {
  parseRule: ParseRule;
  createRouteTable: CreateRouteTable;
  defaultPriority(rule: string): number;
  createLoadBalancer: CreateLoadBalancer;
  createHealthRegistry(): HealthRegistry;
  /** every middleware type (for "did you mean") */
  middlewares: readonly MiddlewareDefinition[];
  /** case-insensitive type lookup, deprecated aliases included */
  findMiddleware(typeKey: string): MiddlewareDefinition | undefined;
  decodeOptions: DecodeMiddlewareOptions;
  /** every balancing strategy (for the error's list and "did you mean") */
  strategies: readonly StrategyDefinition[];
  /** `loadBalancer.strategy` lookup, case-insensitive; undefined names the default strategy */
  findStrategy(name: string | undefined): StrategyDefinition | undefined;
}
