import type { RuleSyntax } from '@wharf/config';
import { compileNode } from './compile.js';
import { parseRuleAst } from './parser.js';
import type { ParsedRule } from './types.js';

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
