import type { Matcher } from '../types.js';
import type { MatcherDefinition } from './definition.js';

/** the rule's method is upper-cased; the request method is compared as sent */
export function methodMatcher(raw: string): Matcher {
  const method = raw.toUpperCase();
  return (req) => req.method === method;
}

export const method: MatcherDefinition = {
  name: 'Method',
  minArgs: 1,
  maxArgs: 1,
  build: ([arg]) => methodMatcher(arg),
};
