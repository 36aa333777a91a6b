import type { HttpStep } from '@wharf/config';
import { compileGoRegex } from '../options/go-regex.js';
import { REPLACED_PATH } from '../replace-path/replace-path.js';
import type { ReplacePathRegexOptions } from './schema.js';

/** Go `ReplaceAllString` on the path when the regex matches; the original goes to X-Replaced-Path. */
export function createReplacePathRegex(options: ReplacePathRegexOptions): HttpStep {
  const re = compileGoRegex(options.regex.trim());
  const replacement = options.replacement.trim();
  return (ex, next) => {
    if (re.test(ex.path)) {
      ex.headers[REPLACED_PATH] = ex.path;
      ex.path = re.replaceAll(ex.path, replacement);
    }
    return next();
  };
}
