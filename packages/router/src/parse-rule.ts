import type { RuleSyntax } from '@wharf/config';
import { compileNode } from './compile.js';
import { parseRuleAst } from './parser.js';
import type { RuleNode } from './ast.js';
import type { ParsedRule } from './types.js';

const DOMAIN_MATCHERS: Record<RuleSyntax, ReadonlySet<string>> = { v3: new Set(['host']), v2: new Set(['host', 'hostheader']) };

/** The `Host(...)` values anywhere in the tree (Traefik's `ParseDomains`), lower-cased, once each; no recursion (long chains). */
function domainsOf(root: RuleNode, syntax: RuleSyntax): string[] {
  const out = new Set<string>();
  const stack: RuleNode[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === 'call') {
      if (DOMAIN_MATCHERS[syntax].has(node.name.toLowerCase())) for (const a of node.args) out.add(a.value.trim().toLowerCase());
    } else if (node.type === 'not') stack.push(node.operand);
    else stack.push(node.right, node.left);
  }
  return [...out];
}

/**
 * Parses and compiles a router rule (Traefik v3 syntax by default, v2 on request).
 * Throws RuleSyntaxError (code WHARF_RULE_SYNTAX) with the offending `position`.
 */
export function parseRule(rule: string, syntax: RuleSyntax = 'v3'): ParsedRule {
  const ast = parseRuleAst(rule);
  const compiled = compileNode(rule, ast, syntax);
  const keys = compiled.keys === null ? null : Object.freeze([...new Set(compiled.keys)]);
  const exact = keys !== null && keys.every((k) => !k.startsWith('*.'));
  return Object.freeze({
    rule,
    syntax,
    matcher: compiled.match,
    hosts: exact ? keys : null,
    hostKeys: keys,
    domains: Object.freeze(domainsOf(ast, syntax)),
    explain: compiled.explain,
  });
}

/** Traefik's default priority: the rule's length in bytes (= characters for ASCII rules). */
export function defaultPriority(rule: string): number {
  return Buffer.byteLength(rule, 'utf8');
}

/** A router's effective priority: its own when set and non-zero, else the rule length. */
export function effectivePriority(priority: number | undefined, rule: string): number {
  return priority === undefined || priority === 0 ? defaultPriority(rule) : priority;
}
