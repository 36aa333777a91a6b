import type { CallNode, RuleNode } from '../ast.js';
import { MatcherArgumentError, RuleSyntaxError } from '../errors.js';
import { parseRuleAst } from '../parser.js';
import { tcpMatchers, type TcpMatcher } from './tcp-matchers.js';

/** A compiled TCP rule: its matcher and the HostSNI values it names (for the "needs tls" check). */
export interface ParsedTcpRule {
  rule: string;
  match: TcpMatcher;
  /** every HostSNI argument in source order (`*` included) */
  hostSNIs: string[];
  /** the rule is exactly one ``HostSNI(`*`)`` (Traefik's catch-all: HTTPS catch-alls go before it on a shared entrypoint) */
  catchAll: boolean;
}

function compileCall(rule: string, node: CallNode, hostSNIs: string[]): TcpMatcher {
  const build = Object.hasOwn(tcpMatchers, node.name) ? tcpMatchers[node.name] : undefined;
  if (!build) throw new RuleSyntaxError(rule, node.start, `unsupported TCP matcher "${node.name}"`, 'expected HostSNI, HostSNIRegexp, ClientIP or ALPN');
  if (node.args.length !== 1) {
    throw new RuleSyntaxError(rule, node.start, `unexpected number of parameters; got ${node.args.length}, expected 1`);
  }
  const value = node.args[0]!.value;
  if (node.name === 'HostSNI') hostSNIs.push(value);
  try {
    return build(value);
  } catch (err) {
    if (err instanceof MatcherArgumentError) throw new RuleSyntaxError(rule, node.args[0]!.start, err.message);
    throw err;
  }
}

/** `&&`/`||` chains compile flat; `!` and parentheses nest (depth bounded by the parser). */
function compile(rule: string, node: RuleNode, hostSNIs: string[]): TcpMatcher {
  switch (node.type) {
    case 'call':
      return compileCall(rule, node, hostSNIs);
    case 'not': {
      const inner = compile(rule, node.operand, hostSNIs);
      return (c) => !inner(c);
    }
    case 'and': {
      const parts = chain(node).map((n) => compile(rule, n, hostSNIs));
      return (c) => parts.every((m) => m(c));
    }
    case 'or': {
      const parts = chain(node).map((n) => compile(rule, n, hostSNIs));
      return (c) => parts.some((m) => m(c));
    }
  }
}

/** `a && b && c` → [a, b, c] without recursion, so long chains stay shallow. */
function chain(node: RuleNode): RuleNode[] {
  const out: RuleNode[] = [];
  const pending: RuleNode[] = [node];
  while (pending.length > 0) {
    const current = pending.pop()!;
    if (current.type === node.type && (current.type === 'and' || current.type === 'or')) pending.push(current.right, current.left);
    else out.push(current);
  }
  return out;
}

/**
 * Parses a Traefik v3 TCP rule (`HostSNI`, `HostSNIRegexp`, `ClientIP`, `ALPN`, `&&`, `||`, `!`,
 * parentheses). Throws RuleSyntaxError (WHARF_RULE_SYNTAX) naming the position.
 */
export function parseTcpRule(rule: string): ParsedTcpRule {
  const hostSNIs: string[] = [];
  const ast = parseRuleAst(rule);
  const match = compile(rule, ast, hostSNIs);
  const catchAll = ast.type === 'call' && ast.name === 'HostSNI' && ast.args.length === 1 && ast.args[0]!.value === '*';
  return Object.freeze({ rule, match, hostSNIs, catchAll });
}

/** Traefik: 0/unset → the rule's length, except exactly ``HostSNI(`*`)`` → -1 (tried last). */
export function tcpPriority(priority: number | undefined, rule: string): number {
  if (priority !== undefined && priority !== 0) return priority;
  if (rule === 'HostSNI(`*`)') return -1;
  return Buffer.byteLength(rule, 'utf8');
}

/** Order of evaluation: priority descending, then name ascending (as HTTP). */
export function compareTcpRoutes(a: { priority: number; name: string }, b: { priority: number; name: string }): number {
  return b.priority - a.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
