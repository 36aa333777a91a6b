import { MatcherArgumentError } from '../errors.js';
import { compileGoRegexp } from '../go-regexp.js';
import type { Matcher } from '../types.js';
import type { MatcherDefinition } from './definition.js';

export function requireLeadingSlash(name: string, path: string, argIndex = 0): void {
  if (!path.startsWith('/')) {
    throw new MatcherArgumentError(`${name} value ${path} must start with /`, argIndex);
  }
}

export function pathMatcher(path: string): Matcher {
  return (req) => req.path === path;
}

/** plain string prefix: `PathPrefix(`/api`)` also matches `/apiary` (Traefik semantics) */
export function pathPrefixMatcher(prefix: string): Matcher {
  return (req) => req.path.startsWith(prefix);
}

export const path: MatcherDefinition = {
  name: 'Path',
  minArgs: 1,
  maxArgs: 1,
  build: ([arg]) => {
    requireLeadingSlash('Path', arg);
    return pathMatcher(arg);
  },
};

export const pathPrefix: MatcherDefinition = {
  name: 'PathPrefix',
  minArgs: 1,
  maxArgs: 1,
  build: ([arg]) => {
    requireLeadingSlash('PathPrefix', arg);
    return pathPrefixMatcher(arg);
  },
};

export const pathRegexp: MatcherDefinition = {
  name: 'PathRegexp',
  minArgs: 1,
  maxArgs: 1,
  build: ([arg]) => {
    const re = compileGoRegexp(arg);
    return (req) => re.test(req.path);
  },
};
