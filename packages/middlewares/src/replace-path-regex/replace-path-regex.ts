import type { HttpStep } from '@wharf/config';
import { compileGoRegex, goReplacement } from '../options/go-regex.js';
import { REPLACED_PATH } from '../replace-path/replace-path.js';
import type { ReplacePathRegexOptions } from './schema.js';

/** Go `ReplaceAllString` on the path when the regex matches; the original goes to X-Replaced-Path. */
export function createReplacePathRegex(options: ReplacePathRegexOptions): HttpStep {
  const re = compileGoRegex(options.regex.trim(), 'g');
  const replacement = goReplacement(options.replacement.trim());
  return (ex, next) => {
    re.lastIndex = 0;
    if (re.test(ex.path)) {
      ex.headers[REPLACED_PATH] = ex.path;
      ex.path = ex.path.replace(re, replacement);
    }
    return next();
  };
}
