import { WharfError } from '@wharf/config';

/** Stable code of every rule parse/compile error. */
export const RULE_SYNTAX_CODE = 'WHARF_RULE_SYNTAX';

/**
 * A rule that cannot be parsed or compiled. `position` is the 0-based offset in the rule of the
 * offending token (for an unexpected end: the last non-blank character). Status 400: a bad rule
 * disables its router, it never reaches the request path.
 */
export class RuleSyntaxError extends WharfError {
  readonly rule: string;
  readonly position: number;
  readonly detail: string;
  constructor(rule: string, position: number, detail: string, hint?: string) {
    super(RULE_SYNTAX_CODE, 400, formatMessage(rule, position, detail, hint));
    this.name = 'RuleSyntaxError';
    this.rule = rule;
    this.position = position;
    this.detail = detail;
  }
}

function formatMessage(rule: string, position: number, detail: string, hint?: string): string {
  const suffix = hint === undefined ? '' : `, ${hint}`;
  return `error while parsing rule ${rule}: ${detail} at ${position}${suffix}`;
}

export function isRuleSyntaxError(err: unknown): err is RuleSyntaxError {
  return err instanceof WharfError && err.code === RULE_SYNTAX_CODE && 'position' in err;
}

/**
 * Thrown by matcher builders (which do not know positions); the parser rethrows it as a
 * RuleSyntaxError pointing at the matcher or argument.
 */
export class MatcherArgumentError extends Error {
  /** index of the offending argument, or -1 for the matcher itself */
  readonly argIndex: number;
  constructor(message: string, argIndex = -1) {
    super(message);
    this.name = 'MatcherArgumentError';
    this.argIndex = argIndex;
  }
}
