import { compileGoRegexp as compileGo, invalidGoRegexp, isWharfError, type GoRegexp } from '@wharf/config';
import { MatcherArgumentError } from './errors.js';

/**
 * A rule argument's Go RE2 regexp on @wharf/config's linear-time engine; a bad regexp becomes a
 * MatcherArgumentError pointing at argument `argIndex`.
 */
export function compileGoRegexp(source: string, argIndex = 0): GoRegexp {
  try {
    return compileGo(source);
  } catch (err) {
    if (isWharfError(err, invalidGoRegexp.code)) throw new MatcherArgumentError(err.message, argIndex);
    throw err;
  }
}
