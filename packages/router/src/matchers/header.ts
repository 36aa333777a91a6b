import { compileGoRegexp } from '../go-regexp.js';
import type { Matcher, MatchRequest } from '../types.js';
import type { MatcherDefinition } from './definition.js';

type HeaderValue = MatchRequest['headers'][string];

/**
 * True when any value of the header passes `test`. Go keeps repeated header lines apart; Node
 * joins them with ", ", so a joined string is also tried element by element (a proxy that wants
 * exact Go semantics passes arrays, e.g. from `req.headersDistinct`).
 */
function someHeaderValue(value: HeaderValue, test: (v: string) => boolean): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'string') {
    for (const v of value) if (test(v)) return true;
    return false;
  }
  if (test(value)) return true;
  if (!value.includes(',')) return false;
  for (const part of value.split(',')) if (test(part.trim())) return true;
  return false;
}

function headerMatcher(rawKey: string, expected: string): Matcher {
  const key = rawKey.toLowerCase();
  const equals = (v: string): boolean => v === expected;
  return (req) => someHeaderValue(req.headers[key], equals);
}

function headerRegexpMatcher(rawKey: string, source: string): Matcher {
  const key = rawKey.toLowerCase();
  const re = compileGoRegexp(source, 1);
  const test = (v: string): boolean => re.test(v);
  return (req) => someHeaderValue(req.headers[key], test);
}

export const header: MatcherDefinition = {
  name: 'Header',
  minArgs: 2,
  maxArgs: 2,
  build: ([key, value]) => headerMatcher(key, value),
};

export const headerRegexp: MatcherDefinition = {
  name: 'HeaderRegexp',
  minArgs: 2,
  maxArgs: 2,
  build: ([key, source]) => headerRegexpMatcher(key, source),
};
