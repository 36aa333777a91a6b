import type { RuleSyntax } from '@wharf/config';
import type { CallNode, RuleNode } from './ast.js';
import { MatcherArgumentError, RuleSyntaxError } from './errors.js';
import { describeArity, type MatcherDefinition } from './matchers/definition.js';
import { lookupMatcher } from './matchers/registry.js';
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
    case 'and': {
      const a = compileNode(rule, node.left, syntax);
      const b = compileNode(rule, node.right, syntax);
      const ma = a.match;
      const mb = b.match;
      return {
        match: (req) => ma(req) && mb(req),
        explain: (req) => a.explain(req) ?? b.explain(req),
        keys: andKeys(a.keys, b.keys),
      };
    }
    case 'or': {
      const ma = compileNode(rule, node.left, syntax);
      const mb = compileNode(rule, node.right, syntax);
      const match: Matcher = (req) => ma.match(req) || mb.match(req);
      const keys = ma.keys !== null && mb.keys !== null ? [...new Set([...ma.keys, ...mb.keys])] : null;
      return { match, explain: explainAs(match, node.text), keys };
    }
    case 'not': {
      const inner = compileNode(rule, node.operand, syntax).match;
      const match: Matcher = (req) => !inner(req);
      return { match, explain: explainAs(match, node.text), keys: null };
    }
  }
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
