import { MatcherArgumentError } from '../errors.js';
import { compileGoRegexp } from '../go-regexp.js';
import type { Matcher } from '../types.js';
import { matchAll, type MatcherDefinition } from './definition.js';

/** Rule-side host: ASCII only, lower-cased, trailing dot removed. */
export function normalizeRuleHost(raw: string, argIndex = 0): string {
  // eslint-disable-next-line no-control-regex
  if (!/^[\x00-\x7f]*$/.test(raw)) {
    throw new MatcherArgumentError(`non-ASCII host ${raw}: use its punycode form (xn--…)`, argIndex);
  }
  let host = raw.toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1); // `[::1]` = `::1`
  return host.endsWith('.') && host.length > 1 ? host.slice(0, -1) : host;
}

/** `example.com` exact, `*.example.com` exactly one extra label, `*` everything (even no host). */
function hostMatcher(raw: string, argIndex = 0): Matcher {
  const host = normalizeRuleHost(raw, argIndex);
  if (host === '*') return matchAll;
  if (host.startsWith('*.')) {
    const suffix = host.slice(1);
    if (suffix.includes('*')) throw wildcardError(raw, argIndex);
    return (req) => {
      const label = req.host.length - suffix.length;
      return label > 0 && req.host.endsWith(suffix) && req.host.indexOf('.') === label;
    };
  }
  if (host.includes('*')) throw wildcardError(raw, argIndex);
  return (req) => req.host === host;
}

function wildcardError(raw: string, argIndex: number): MatcherArgumentError {
  return new MatcherArgumentError(`invalid host ${raw}: * is only allowed as the whole first label (*.example.com)`, argIndex);
}

/** index key of a host argument: exact host, `*.parent`, or null for `*` */
function hostKey(raw: string): string | null {
  const host = normalizeRuleHost(raw);
  return host === '*' ? null : host;
}

export const host: MatcherDefinition = {
  name: 'Host',
  minArgs: 1,
  maxArgs: 1,
  build: ([arg]) => hostMatcher(arg),
  hostKeys: ([arg]) => {
    const key = hostKey(arg);
    return key === null ? null : [key];
  },
};

export const hostRegexp: MatcherDefinition = {
  name: 'HostRegexp',
  minArgs: 1,
  maxArgs: 1,
  build: ([arg]) => {
    normalizeRuleHost(arg);
    const re = compileGoRegexp(arg);
    return (req) => re.test(req.host);
  },
};
