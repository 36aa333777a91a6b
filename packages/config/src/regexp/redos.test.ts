import { describe, expect, it } from 'vitest';
import { compileGoRegexp } from './go-regexp.js';

/**
 * Hostile inputs against the classic catastrophic-backtracking patterns. A backtracking engine
 * needs exponential time on each of these (`(a+)+$` doubles per extra `a`: 29 characters took
 * seconds with the old JavaScript translation), so 10 KB would never finish; RE2 is linear.
 * The bound is loose on purpose (a shared, loaded machine): it only has to tell linear from
 * exponential, which differ here by hundreds of orders of magnitude.
 */
const KB10 = 10 * 1024;
const BOUND_MS = 2_000;
const as = 'a'.repeat(KB10);

const corpus: Array<[pattern: string, input: string, matches: boolean]> = [
  ['^/re/(a+)+$', `/re/${as}!`, false],
  ['^/re/(a+)+$', `/re/${as}`, true],
  ['(a|aa)*b', as, false],
  ['(a|aa)*$', `${as}`, true],
  ['(.*a){20}', `${as}`, true],
  ['(.*a){20}b', `${as}`, false],
  ['((a|b|ab)*)*c', 'ab'.repeat(KB10 / 2), false],
  ['^(a|a?)+$', `${as}!`, false],
  ['^((a|b)+|(ab)+)+x$', 'ab'.repeat(KB10 / 2), false],
  ['^(\\w+\\s?)*$', `${'word '.repeat(KB10 / 5)}!`, false],
  ['^(([a-z])+.)+[A-Z]([a-z])+$', as, false],
  ['(x+x+)+y', 'x'.repeat(KB10), false],
  ['^/(.*)/(.*)/(.*)/(.*)$', `/${'a/'.repeat(KB10 / 2)}`, true],
];

function elapsed(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

describe('ReDoS: linear time on 10 KB hostile inputs', () => {
  it.each(corpus)('%s', (pattern, input, matches) => {
    const re = compileGoRegexp(pattern);
    let found: boolean | undefined;
    expect(elapsed(() => (found = re.test(input)))).toBeLessThan(BOUND_MS);
    expect(found).toBe(matches);
    let index: [number, number] | null = null;
    expect(elapsed(() => (index = re.findIndex(input)))).toBeLessThan(BOUND_MS);
    expect(index !== null).toBe(matches);
    let replaced = '';
    expect(elapsed(() => (replaced = re.replaceAll(input, '[$1]')))).toBeLessThan(BOUND_MS);
    expect(replaced !== input).toBe(matches);
  });
});
