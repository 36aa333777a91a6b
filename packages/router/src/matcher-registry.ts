import { editDistance, type RuleSyntax } from '@wharf/config';
import {
  hostHeaderV2, hostRegexpV2, hostV2, headersRegexpV2, headersV2, methodV2, pathPrefixV2, pathV2, queryV2,
} from './v2/matchers.js';
import { clientIP, clientIPv2 } from './matchers/client-ip.js';
import type { MatcherDefinition } from './matchers/definition.js';
import { header, headerRegexp } from './matchers/header.js';
import { host, hostRegexp } from './matchers/host.js';
import { method } from './matchers/method.js';
import { path, pathPrefix, pathRegexp } from './matchers/path.js';
import { query, queryRegexp } from './matchers/query.js';

/**
 * The matcher tables of both rule syntaxes: v3 from `matchers/`, the v2 forms (`v2/`, built on
 * the v3 matchers). Above both folders so the arrow runs v2 → matchers only.
 */
export const v3Matchers: readonly MatcherDefinition[] = [
  host, hostRegexp, path, pathPrefix, pathRegexp, method, header, headerRegexp, query, queryRegexp, clientIP,
];

export const v2Matchers: readonly MatcherDefinition[] = [
  hostV2, hostHeaderV2, hostRegexpV2, pathV2, pathPrefixV2, methodV2, headersV2, headersRegexpV2, queryV2, clientIPv2,
];

export type MatcherLookup =
  | { ok: true; definition: MatcherDefinition }
  | { ok: false; detail: string; hint?: string };

const tables = { v2: spellings(v2Matchers), v3: spellings(v3Matchers) };

/** Traefik accepts 4 spellings: canonical, lower, UPPER and Title (`Pathprefix`). */
function spellings(defs: readonly MatcherDefinition[]): Map<string, MatcherDefinition> {
  const map = new Map<string, MatcherDefinition>();
  for (const def of defs) {
    const { name } = def;
    const title = name[0].toUpperCase() + name.slice(1).toLowerCase();
    for (const spelling of [name, name.toLowerCase(), name.toUpperCase(), title]) map.set(spelling, def);
  }
  return map;
}

export function lookupMatcher(name: string, syntax: RuleSyntax): MatcherLookup {
  const found = tables[syntax].get(name);
  if (found !== undefined) return { ok: true, definition: found };
  const other = syntax === 'v3' ? 'v2' : 'v3';
  const elsewhere = tables[other].get(name);
  const suggestion = closestName(name, syntax);
  const didYouMean = suggestion === undefined ? undefined : `did you mean ${suggestion}?`;
  if (elsewhere !== undefined) {
    const detail = `${elsewhere.name} is only available with ruleSyntax ${other}`;
    return { ok: false, detail, hint: didYouMean };
  }
  return { ok: false, detail: `unknown matcher ${name}`, hint: didYouMean };
}

/** the canonical name closest to `name` (config's case-insensitive edit distance ≤ 3), if any */
function closestName(name: string, syntax: RuleSyntax): string | undefined {
  const defs = syntax === 'v3' ? v3Matchers : v2Matchers;
  let best: string | undefined;
  let bestDistance = 4;
  for (const def of defs) {
    const d = editDistance(name, def.name);
    if (d < bestDistance || (d === bestDistance && best !== undefined && def.name.length < best.length)) {
      best = def.name;
      bestDistance = d;
    }
  }
  return best;
}
