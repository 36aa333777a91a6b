import { describe, expect, it } from 'vitest';
import { parseConstraints, type ConstraintMatcher } from './constraints.js';

function matcher(expression: string): ConstraintMatcher {
  const parsed = parseConstraints(expression);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.match;
}

describe('LabelRegex constraints (Go RE2)', () => {
  it('matches unanchored, in Go syntax', () => {
    expect(matcher('LabelRegex(`env`,`rod`)')({ env: 'prod' })).toBe(true);
    expect(matcher('LabelRegex(`env`,`^(?P<stage>pr[[:alpha:]]+)\\z`)')({ env: 'prod' })).toBe(true);
    expect(matcher('LabelRegex(`env`,`(?i)^PROD$`)')({ env: 'prod' })).toBe(true);
    expect(matcher('LabelRegex(`env`,`x`)')({})).toBe(false);
  });

  it('reports what RE2 rejects, naming the constraint', () => {
    const parsed = parseConstraints('LabelRegex(`env`,`^(?!dev)`)');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(/^invalid constraints .*: invalid regexp "\^\(\?!dev\)": lookaround is not supported/);
  });

  it('takes linear time on a hostile 10 KB label value', () => {
    const match = matcher('LabelRegex(`env`,`^(a+)+$`)');
    const start = performance.now();
    expect(match({ env: `${'a'.repeat(10 * 1024)}!` })).toBe(false);
    expect(performance.now() - start).toBeLessThan(2_000); // a backtracking engine never finishes
  });
});
