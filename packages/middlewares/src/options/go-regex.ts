import { MiddlewareErrors } from '../errors.js';

/** Compiles a Go (RE2) regular expression as JavaScript: `(?P<name>…)` becomes `(?<name>…)`. */
export function compileGoRegex(source: string, flags = ''): RegExp {
  let src = source.replace(/\(\?P</g, '(?<');
  let extra = '';
  const inline = /^\(\?([imsU]+)\)/.exec(src);
  if (inline) {
    src = src.slice(inline[0].length);
    for (const f of inline[1]!) if ('ims'.includes(f) && !flags.includes(f)) extra += f;
  }
  try {
    return new RegExp(src, flags + extra);
  } catch (err) {
    throw MiddlewareErrors.invalidOptions('regex', `invalid regular expression ${source}: ${(err as Error).message}`);
  }
}

/** Go replacement template → JavaScript: `${1}` → `$1`, `${name}` → `$<name>`, `$name` → `$<name>`. */
export function goReplacement(template: string): string {
  return template.replace(/\$(\{(\w+)\}|([A-Za-z_]\w*)|(\d+))/g, (_m, _all, braced?: string, bare?: string, num?: string) => {
    const name = braced ?? bare ?? num ?? '';
    return /^\d+$/.test(name) ? `$${name}` : `$<${name}>`;
  });
}
