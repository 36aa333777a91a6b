import { appendHeader } from '@wharf/config';
import type { HttpStep } from '@wharf/config';
import { compileGoRegex } from '../options/go-regex.js';
import { ensureLeadingSlash, FORWARDED_PREFIX } from '../strip-prefix/strip-prefix.js';
import type { StripPrefixRegexOptions } from './schema.js';

/** Strips the first regex match when it is a prefix of the path; the match goes to X-Forwarded-Prefix. */
export function createStripPrefixRegex(options: StripPrefixRegexOptions): HttpStep {
  const expressions = options.regex.map((r) => compileGoRegex(r.trim()));
  return (ex, next) => {
    for (const re of expressions) {
      const found = re.findIndex(ex.path);
      const match = found === null ? '' : ex.path.slice(found[0], found[1]);
      if (match === '' || !ex.path.startsWith(match)) continue;
      appendHeader(ex.headers, FORWARDED_PREFIX, match);
      ex.path = ensureLeadingSlash(ex.path.slice(match.length));
      break;
    }
    return next();
  };
}
