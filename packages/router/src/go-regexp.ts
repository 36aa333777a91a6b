import { compileGoRegexp as compileGo, invalidGoRegexp, isWharfError } from '@wharf/config';
import { MatcherArgumentError } from './errors.js';

/**
 * A rule argument's Go RE2 regexp as a JavaScript RegExp (@wharf/config's translator); a bad
 * regexp becomes a MatcherArgumentError pointing at argument `argIndex`.
 */
export function compileGoRegexp(source: string, argIndex = 0): RegExp {
  try {
    return compileGo(source);
  } catch (err) {
    if (isWharfError(err, invalidGoRegexp.code)) throw new MatcherArgumentError(err.message, argIndex);
    throw err;
  }
}
