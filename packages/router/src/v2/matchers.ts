import { MatcherArgumentError } from '../errors.js';
import { anyOf, type MatcherDefinition } from '../matchers/definition.js';
import { header, headerRegexp } from '../matchers/header.js';
import { normalizeRuleHost } from '../matchers/host.js';
import { methodMatcher } from '../matchers/method.js';
import { pathMatcher, pathPrefixMatcher, requireLeadingSlash } from '../matchers/path.js';
import { queryMatcher } from '../matchers/query.js';
import { someQueryValue } from '../query-string.js';
import type { Matcher } from '../types.js';
import { compileMuxTemplate, hasPlaceholders, type TemplateKind } from './mux-template.js';

/** Traefik v2 matchers (`ruleSyntax: v2`): multi-argument forms mean "any of". */
const multi = (name: string, build: (arg: string, i: number) => Matcher): MatcherDefinition => ({
  name,
  minArgs: 1,
  maxArgs: Infinity,
  build: (args) => anyOf(args.map(build)),
});

/** v2 Host: exact, case-insensitive; no wildcards */
const exactHost = (arg: string, i: number): Matcher => {
  const expected = normalizeRuleHost(arg, i);
  return (req) => req.host === expected;
};

const hostKeys = (args: readonly string[]): string[] => args.map((a, i) => normalizeRuleHost(a, i));

export const hostV2: MatcherDefinition = { ...multi('Host', exactHost), hostKeys };
export const hostHeaderV2: MatcherDefinition = { ...multi('HostHeader', exactHost), hostKeys };

const template = (kind: TemplateKind) => (arg: string, i: number): Matcher => {
  if (kind === 'host') normalizeRuleHost(arg, i);
  const re = compileMuxTemplate(arg, kind, i);
  return kind === 'host' ? (req) => re.test(req.host) : (req) => re.test(req.path);
};

export const hostRegexpV2 = multi('HostRegexp', template('host'));

export const pathV2 = multi('Path', (arg, i) => {
  requireLeadingSlash('Path', arg, i);
  return hasPlaceholders(arg) ? template('path')(arg, i) : pathMatcher(arg);
});

export const pathPrefixV2 = multi('PathPrefix', (arg, i) => {
  requireLeadingSlash('PathPrefix', arg, i);
  return hasPlaceholders(arg) ? template('prefix')(arg, i) : pathPrefixMatcher(arg);
});

export const methodV2 = multi('Method', (arg) => methodMatcher(arg));

/** v2 spells the v3 `Header`/`HeaderRegexp` matchers with an `s`; same arguments, same match. */
export const headersV2: MatcherDefinition = { ...header, name: 'Headers' };
export const headersRegexpV2: MatcherDefinition = { ...headerRegexp, name: 'HeadersRegexp' };

/** v2 `Query(`a=1`, `b={n:[0-9]+}`)`: every pair must match (mux Queries); `k=` = key present */
export const queryV2: MatcherDefinition = {
  name: 'Query',
  minArgs: 1,
  maxArgs: Infinity,
  build: (args) => {
    const matchers = args.map(queryPairMatcher);
    return (req) => {
      for (const m of matchers) if (!m(req)) return false;
      return true;
    };
  },
};

const anyValue = (): boolean => true;

function queryPairMatcher(pair: string, i: number): Matcher {
  const eq = pair.indexOf('=');
  if (eq <= 0) throw new MatcherArgumentError(`Query expects key=value pairs, got ${pair}`, i);
  const key = pair.slice(0, eq);
  const value = pair.slice(eq + 1);
  if (value === '') return (req) => someQueryValue(req.query, key, anyValue);
  if (!hasPlaceholders(value)) return queryMatcher(key, value);
  const re = compileMuxTemplate(value, 'query', i);
  const test = (v: string): boolean => re.test(v);
  return (req) => someQueryValue(req.query, key, test);
}
