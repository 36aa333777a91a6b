import { compileGoRegexp, invalidGoRegexp, isWharfError, type GoRegexp, type GoRegexpOptions } from '@wharf/config';
import { MiddlewareErrors } from '../errors.js';

/**
 * A middleware option's Go RE2 regexp (@wharf/config's linear-time engine, shared with router
 * rules: `test`, `findIndex`, Go's `ReplaceAllString`). Bad regexps fail as options.
 */
export function compileGoRegex(source: string, options: GoRegexpOptions = {}): GoRegexp {
  try {
    return compileGoRegexp(source, options);
  } catch (err) {
    if (isWharfError(err, invalidGoRegexp.code)) throw MiddlewareErrors.invalidOptions('regex', err.message);
    throw err;
  }
}
