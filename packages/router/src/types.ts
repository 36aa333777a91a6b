import type { IncomingHttpHeaders } from 'node:http';

/**
 * What a rule sees of a request. Built once per request by the proxy (cheaply: no URL objects
 * on the hot path). The seam between the proxy, the runtime and the rule engine.
 */
export interface MatchRequest {
  /** lower-case host, port and trailing dot removed ('' when absent); absolute-URI host wins over Host header */
  host: string;
  /** routing path: the escaped path with unreserved percent-escapes decoded, reserved ones kept */
  path: string;
  method: string;
  /** lower-case keys (Node's convention) */
  headers: IncomingHttpHeaders;
  /** raw query string without '?' ('' when none) */
  query: string;
  /** socket remote address */
  clientIP: string;
}

export type Matcher = (req: MatchRequest) => boolean;

export interface ParsedRule {
  /** the source text */
  readonly rule: string;
  readonly matcher: Matcher;
  /**
   * Exact lower-case hosts the rule requires (every match must have one of them), for the
   * host index; null when the rule can match other hosts (HostRegexp, wildcards, ||, !, none).
   */
  readonly hosts: readonly string[] | null;
  /**
   * Like `hosts`, but may also hold one-label wildcards (`*.example.com`), which the route
   * table indexes by parent domain. Optional for compatibility; null = any host.
   */
  readonly hostKeys?: readonly string[] | null;
  /**
   * Every value of the rule's `Host(...)` matchers (v2: also `HostHeader`), lower-cased, whatever
   * the operators around them: Traefik's `ParseDomains`, which picks TLS options and orders HTTPS
   * before TCP on a shared port (`Host(a) || PathPrefix(/x)` names `a`). Optional for compatibility.
   */
  readonly domains?: readonly string[];
  /** the syntax the rule was compiled with */
  readonly syntax?: 'v2' | 'v3';
  /** route tester: the text of the first matcher that fails for this request, or undefined if it matches */
  explain(req: MatchRequest): string | undefined;
}

export interface RouteEntry<T> {
  /** qualified router name (tie-break: priority desc, then name asc) */
  name: string;
  priority: number;
  rule: ParsedRule;
  value: T;
}

export interface RouteTable<T> {
  readonly size: number;
  match(req: MatchRequest): RouteEntry<T> | undefined;
  /** route tester: the winner and every higher-priority entry tried before it, with the failing matcher */
  explain(req: MatchRequest): { entry?: RouteEntry<T>; tried: Array<{ name: string; priority: number; failedMatcher?: string }> };
}
