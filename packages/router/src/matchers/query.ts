import { compileGoRegexp } from '../go-regexp.js';
import { someQueryValue } from '../query-string.js';
import type { Matcher } from '../types.js';
import type { MatcherDefinition } from './definition.js';

/** key present with one value equal to `expected` (`Query(`mobile`)` = `?mobile` or `?mobile=`) */
export function queryMatcher(key: string, expected = ''): Matcher {
  const equals = (v: string): boolean => v === expected;
  return (req) => someQueryValue(req.query, key, equals);
}

function queryRegexpMatcher(key: string, source: string): Matcher {
  const re = compileGoRegexp(source, 1);
  const test = (v: string): boolean => re.test(v);
  return (req) => someQueryValue(req.query, key, test);
}

export const query: MatcherDefinition = {
  name: 'Query',
  minArgs: 1,
  maxArgs: 2,
  build: ([key, value]) => queryMatcher(key, value),
};

export const queryRegexp: MatcherDefinition = {
  name: 'QueryRegexp',
  minArgs: 1,
  maxArgs: 2,
  build: ([key, source]) => (source === undefined ? queryMatcher(key) : queryRegexpMatcher(key, source)),
};
