import type { HttpStep } from '@wharf/config';
import { compileGoRegex } from '../options/go-regex.js';
import { redirectResponse, requestURL } from './redirect.js';
import type { RedirectRegexOptions } from './schema.js';

/** Matches the full request URL; redirects to the replacement when it differs from the URL. */
export function createRedirectRegex(options: RedirectRegexOptions): HttpStep {
  const re = compileGoRegex(options.regex.trim());
  const replacement = options.replacement.trim();
  const permanent = options.permanent ?? false;
  return (ex, next) => {
    const url = requestURL(ex);
    if (!re.test(url)) return next();
    const target = re.replaceAll(url, replacement);
    if (target === url) return next();
    return Promise.resolve(redirectResponse(ex, target, permanent));
  };
}
