import { appendHeader } from '@wharf/config';
import type { HttpStep } from '@wharf/config';
import type { StripPrefixOptions } from './schema.js';

export const FORWARDED_PREFIX = 'x-forwarded-prefix';

/** `rest` with a leading slash; an empty rest is `/` with forceSlash, else stays empty (Traefik). */
export function ensureLeadingSlash(rest: string, forceSlash = true): string {
  if (rest === '') return forceSlash ? '/' : '';
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/** Plain string prefix match on the path, first configured prefix wins (Traefik). */
export function createStripPrefix(options: StripPrefixOptions): HttpStep {
  const prefixes = options.prefixes.map((p) => p.trim()).filter((p) => p !== '');
  const forceSlash = options.forceSlash ?? true;
  return (ex, next) => {
    for (const prefix of prefixes) {
      if (!ex.path.startsWith(prefix)) continue;
      ex.path = ensureLeadingSlash(ex.path.slice(prefix.length), forceSlash);
      appendHeader(ex.headers, FORWARDED_PREFIX, prefix);
      break;
    }
    return next();
  };
}
