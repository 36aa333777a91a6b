import { compileGoRegexp, invalidGoRegexp, isWharfError } from '@wharf/config';
import { MiddlewareErrors } from '../errors.js';

/**
 * A middleware option's Go RE2 regexp as JavaScript (@wharf/config's translator, shared with
 * router rules); `flags` adds JS flags (`g` for replace-all, `i`). Bad regexps fail as options.
 */
export function compileGoRegex(source: string, flags = ''): RegExp {
  try {
    return compileGoRegexp(source, flags);
  } catch (err) {
    if (isWharfError(err, invalidGoRegexp.code)) throw MiddlewareErrors.invalidOptions('regex', err.message);
    throw err;
  }
}

/** Go replacement template → JavaScript: `${1}` → `$1`, `${name}` → `$<name>`, `$name` → `$<name>`. */
export function goReplacement(template: string): string {
  return template.replace(/\$(\{(\w+)\}|([A-Za-z_]\w*)|(\d+))/g, (_m, _all, braced?: string, bare?: string, num?: string) => {
    const name = braced ?? bare ?? num ?? '';
    return /^\d+$/.test(name) ? `$${name}` : `$<${name}>`;
  });
}
