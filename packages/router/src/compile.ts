import type { RuleSyntax } from '@wharf/config';
import type { AndNode, CallNode, OrNode, RuleNode } from './ast.js';
import { MatcherArgumentError, RuleSyntaxError } from './errors.js';
import { describeArity, type MatcherDefinition } from './matchers/definition.js';
import { lookupMatcher } from './matcher-registry.js';
import type { Matcher, MatchRequest } from './types.js';

/** A compiled syntax node: its matcher, its explainer and the host keys it requires. */
export interface CompiledNode {
  match: Matcher;
  /** text of the first failing matcher, undefined when the node matches */
  explain: (req: MatchRequest) => string | undefined;
  /** exact hosts / `*.parent` wildcards one of which every match has; null = any host */
  keys: string[] | null;
}

export function compileNode(rule: string, node: RuleNode, syntax: RuleSyntax): CompiledNode {
  switch (node.type) {
    case 'call':
      return compileCall(rule, node, syntax);
    case 'and':
      return compileAnd(operands(node).map((n) => compileNode(rule, n, syntax)));
    case 'or':
      return compileOr(operands(node).map((n) => compileNode(rule, n, syntax)), node.text);
    case 'not': {
      const inner = compileNode(rule, node.operand, syntax).match;
      const match: Matcher = (req) => !inner(req);
      return { match, explain: explainAs(match, node.text), keys: null };
    }
  }
}

/**
 * The operands of a chain of one operator (`a && b && c` → [a, b, c]), collected without
 * recursion so that long chains compile to one loop, not to a deep closure nesting.
 */
function operands(node: AndNode | OrNode): RuleNode[] {
  const out: RuleNode[] = [];
  const pending: RuleNode[] = [node];
  while (pending.length > 0) {
    const current = pending.pop() as RuleNode;
    if (current.type === node.type) {
      // `&&` and `||` are associative: `(a && b) && c` flattens too
      pending.push(current.right, current.left);
    } else {
      out.push(current);
    }
  }
  return out;
}

function compileAnd(parts: CompiledNode[]): CompiledNode {
  const matchers = parts.map((p) => p.match);
  const [first, second] = matchers;
  const match: Matcher = matchers.length === 2
    ? (req) => first(req) && second(req)
    : (req) => {
      for (const m of matchers) if (!m(req)) return false;
      return true;
    };
  const explain = (req: MatchRequest): string | undefined => {
    for (const p of parts) {
      const failed = p.explain(req);
      if (failed !== undefined) return failed;
    }
    return undefined;
  };
  return { match, explain, keys: parts.map((p) => p.keys).reduce(andKeys) };
}

function compileOr(parts: CompiledNode[], text: string): CompiledNode {
  const matchers = parts.map((p) => p.match);
  const [first, second] = matchers;
  const match: Matcher = matchers.length === 2
    ? (req) => first(req) || second(req)
    : (req) => {
      for (const m of matchers) if (m(req)) return true;
      return false;
    };
  const keys = parts.every((p) => p.keys !== null) ? [...new Set(parts.flatMap((p) => p.keys as string[]))] : null;
  return { match, explain: explainAs(match, text), keys };
}

function explainAs(match: Matcher, text: string): CompiledNode['explain'] {
  return (req) => (match(req) ? undefined : text);
}

/** both sides constrain the host: intersect exact sets; with wildcards keep the narrower side */
function andKeys(a: string[] | null, b: string[] | null): string[] | null {
  if (a === null) return b;
  if (b === null) return a;
  const wild = (keys: string[]): boolean => keys.some((k) => k.startsWith('*.'));
  if (wild(a) || wild(b)) {
    if (wild(a) !== wild(b)) return wild(a) ? b : a;
    return a.length <= b.length ? a : b;
  }
  const other = new Set(b);
  return a.filter((k) => other.has(k));
}

function compileCall(rule: string, node: CallNode, syntax: RuleSyntax): CompiledNode {
  const lookup = lookupMatcher(node.name, syntax);
  if (!lookup.ok) throw new RuleSyntaxError(rule, node.start, lookup.detail, lookup.hint);
  const def = lookup.definition;
  checkArguments(rule, node, def, syntax);
  const args = node.args.map((a) => a.value);
  try {
    const match = def.build(args);
    return { match, explain: explainAs(match, node.text), keys: def.hostKeys?.(args) ?? null };
  } catch (err) {
    if (!(err instanceof MatcherArgumentError)) throw err;
    const position = err.argIndex >= 0 ? node.args[err.argIndex].start : node.start;
    throw new RuleSyntaxError(rule, position, `${def.name}: ${err.message}`);
  }
}

function checkArguments(rule: string, node: CallNode, def: MatcherDefinition, syntax: RuleSyntax): void {
  const count = node.args.length;
  if (count < def.minArgs || count > def.maxArgs) {
    const hint = syntax === 'v3' && count > def.maxArgs && isV2Multi(def.name)
      ? `several values are ruleSyntax v2; in v3 write ${def.name}(\`a\`) || ${def.name}(\`b\`)`
      : undefined;
    throw new RuleSyntaxError(rule, node.start, `${def.name} expects ${describeArity(def)}, got ${count}`, hint);
  }
  const empty = node.args.find((a) => a.value === '');
  if (empty !== undefined) throw new RuleSyntaxError(rule, empty.start, `empty argument to ${def.name}`);
}

const V2_MULTI = new Set(['Host', 'HostRegexp', 'Path', 'PathPrefix', 'Method', 'ClientIP']);

function isV2Multi(name: string): boolean {
  return V2_MULTI.has(name);
}
