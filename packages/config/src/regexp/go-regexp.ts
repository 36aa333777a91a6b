import { defineError } from '../errors.js';
import {
  applyFlags, foldClassAtom, foldClassRange, foldLiteral, hasInnerFlagGroups, readFlagGroup, type FlagState,
} from './regexp-flags.js';

export const invalidGoRegexp = defineError(
  'WHARF_CONFIG_BAD_REGEXP',
  400,
  (source: string, why: string) => `invalid regexp ${JSON.stringify(source)}: ${why}`,
);

/**
 * Translates a Go RE2 regexp into an equivalent JavaScript RegExp (unanchored, as Go's
 * MatchString); the one translator for router rules and middleware options. Handled: leading
 * `(?flags)` → JS flags (i, m, s), flag groups elsewhere emulated (regexp-flags.ts),
 * `(?P<name>` → `(?<name>`, `\A` `\z` `\Q…\E` `\pL` `\x{…}` `\a` `\s` octal escapes, POSIX
 * `[[:alpha:]]` classes, a leading `]` in a class. Rejected with `WHARF_CONFIG_BAD_REGEXP` (RE2
 * would reject them, or JS cannot express them): back-references, lookaround, `(?U)`, `\C`,
 * unknown escapes. `extraFlags` adds JS flags the caller needs (`g` to replace all, `i`).
 */
export function compileGoRegexp(source: string, extraFlags = ''): RegExp {
  const fail = (why: string): never => {
    throw invalidGoRegexp(source, why);
  };
  const { pattern, flags } = new Translator(source, fail).run();
  const all = [...new Set(flags + extraFlags)].sort().join('');
  try {
    return new RegExp(pattern, all);
  } catch (err) {
    return fail(err instanceof Error ? err.message : 'cannot compile');
  }
}

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\x00-\\x7F', blank: '\\t ', cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9', graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ', upper: 'A-Z', word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};
const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));
const SIMPLE_ESCAPES: Record<string, string> = { a: '\\x07', f: '\\f', t: '\\t', n: '\\n', r: '\\r', v: '\\v' };
const KEPT_ESCAPES = new Set(['b', 'B', 'd', 'D', 'w', 'W']);
const GO_SPACE = '\\t\\n\\f\\r ';

class Translator {
  private i = 0;
  private out = '';
  private inClass = false;
  private unicode = false;
  /** JS flags (leading Go flags, when nothing needs emulation) */
  private readonly flags = new Set<string>();
  /** emulate flags instead of using JS flags */
  private emulate = false;
  private state: FlagState = { i: false, s: false, m: false };
  private readonly stack: FlagState[] = [];

  constructor(
    private readonly src: string,
    private readonly fail: (why: string) => never,
  ) {}

  run(): { pattern: string; flags: string } {
    this.leadingFlags();
    while (this.i < this.src.length) {
      const ch = this.src[this.i];
      if (ch === '\\') this.escape();
      else if (this.inClass) this.classChar(ch);
      else if (ch === '(') this.group();
      else if (ch === '[') this.openClass();
      else this.plain(ch);
    }
    if (this.unicode) this.flags.add('u');
    return { pattern: this.out, flags: [...this.flags].sort().join('') };
  }

  private leadingFlags(): void {
    let group: ReturnType<typeof readFlagGroup>;
    while ((group = readFlagGroup(this.src.slice(this.i))) !== null && !group.scoped) {
      this.state = applyFlags(this.state, group.on, group.off, this.fail);
      this.i += group.length;
    }
    this.emulate = hasInnerFlagGroups(this.src.slice(this.i));
    if (!this.emulate) for (const flag of 'ims') if (this.state[flag as keyof FlagState]) this.flags.add(flag);
  }

  /** a character outside classes and escapes */
  private plain(ch: string): void {
    this.i++;
    if (ch === ')') this.state = this.stack.pop() ?? this.state;
    if (!this.emulate) {
      this.out += ch;
    } else if (ch === '.') {
      this.out += this.state.s ? '[\\s\\S]' : '[^\\n]';
    } else if (ch === '^' && this.state.m) {
      this.out += '(?<![^\\n])';
    } else if (ch === '$' && this.state.m) {
      this.out += '(?![^\\n])';
    } else {
      this.out += this.state.i ? foldLiteral(ch, ch) : ch;
    }
  }

  private group(): void {
    const rest = this.src.slice(this.i);
    const flagGroup = readFlagGroup(rest);
    if (flagGroup !== null) {
      const next = applyFlags(this.state, flagGroup.on, flagGroup.off, this.fail);
      if (flagGroup.scoped) {
        this.stack.push(this.state);
        this.out += '(?:';
      }
      this.state = next;
      this.i += flagGroup.length;
      return;
    }
    if (/^\(\?(=|!|<=|<!)/.test(rest)) this.fail('lookaround is not supported (Go RE2 syntax)');
    this.stack.push(this.state);
    const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
    if (named !== null) {
      this.out += `(?<${named[1]}>`;
      this.i += named[0].length;
    } else if (/^\(\?P?</.test(rest)) {
      this.fail('invalid named capture group');
    } else {
      this.out += '(';
      this.i++;
    }
  }

  private openClass(): void {
    this.inClass = true;
    this.i++;
    this.out += '[';
    if (this.src[this.i] === '^') {
      this.out += '^';
      this.i++;
    }
    if (this.src[this.i] === ']') {
      this.out += '\\]';
      this.i++;
    }
  }

  private classChar(ch: string): void {
    const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.src.slice(this.i));
    if (posix !== null) {
      const expansion = POSIX_CLASSES[posix[2]];
      if (expansion === undefined || posix[1] === '^') this.fail(`unsupported character class ${posix[0]}`);
      this.out += expansion;
      this.i += posix[0].length;
      return;
    }
    this.i++;
    if (ch === ']') {
      this.inClass = false;
      this.out += ']';
    } else if (ch === '[') {
      this.out += '\\[';
    } else if (this.emulate && this.state.i) {
      this.foldedClassItem(ch);
    } else {
      this.out += ch;
    }
  }

  /** a class atom or `x-y` range under an emulated (?i) */
  private foldedClassItem(ch: string): void {
    const hi = this.src[this.i + 1];
    if (this.src[this.i] === '-' && hi !== undefined && hi !== ']' && hi !== '\\') {
      this.out += foldClassRange(ch, hi);
      this.i += 2;
    } else {
      this.out += ch === '-' ? '-' : foldClassAtom(ch);
    }
  }

  private escape(): void {
    const c = this.src[this.i + 1];
    if (c === undefined) this.fail('trailing backslash');
    this.i += 2;
    if (c in SIMPLE_ESCAPES) this.out += SIMPLE_ESCAPES[c];
    else if (KEPT_ESCAPES.has(c)) this.out += `\\${c}`;
    else if (c === 's') this.out += this.inClass ? GO_SPACE : `[${GO_SPACE}]`;
    else if (c === 'S') this.out += this.inClass ? '\\S' : `[^${GO_SPACE}]`;
    else if (c === 'A' || c === 'z') this.anchor(c);
    else if (c === 'Q') this.quoted();
    else if (c === 'p' || c === 'P') this.unicodeClass(c);
    else if (c === 'x') this.hex();
    else if (/[0-7]/.test(c)) this.octal(c);
    else if (/[0-9A-Za-z]/.test(c)) this.fail(`invalid escape sequence \\${c}`);
    else this.out += this.literal(c);
  }

  private anchor(c: string): void {
    if (this.inClass) this.fail(`invalid escape \\${c} in character class`);
    this.out += c === 'A' ? '(?<![\\s\\S])' : '(?![\\s\\S])';
  }

  private quoted(): void {
    const end = this.src.indexOf('\\E', this.i);
    const text = this.src.slice(this.i, end === -1 ? undefined : end);
    this.i = end === -1 ? this.src.length : end + 2;
    for (const ch of text) this.out += this.literal(ch);
  }

  private unicodeClass(c: string): void {
    const match = /^(?:\{(\^?)([A-Za-z_]+)\}|([A-Za-z]))/.exec(this.src.slice(this.i));
    if (match === null) return this.fail(`invalid Unicode class escape \\${c}`);
    this.i += match[0].length;
    const name = match[2] ?? match[3];
    const negated = (match[1] === '^') !== (c === 'P');
    const property = name.length <= 2 ? name : name === 'Any' ? 'Any' : `Script=${name}`;
    this.unicode = true;
    this.out += `\\${negated ? 'P' : 'p'}{${property}}`;
  }

  private hex(): void {
    const match = /^(?:\{([0-9A-Fa-f]{1,6})\}|([0-9A-Fa-f]{2}))/.exec(this.src.slice(this.i));
    if (match === null) return this.fail('invalid \\x escape');
    this.i += match[0].length;
    this.out += this.codePoint(parseInt(match[1] ?? match[2], 16));
  }

  private octal(first: string): void {
    const match = /^[0-7]{0,2}/.exec(this.src.slice(this.i)) as RegExpExecArray;
    if (first !== '0' && match[0].length === 0) this.fail(`back-references are not supported: \\${first}`);
    this.i += match[0].length;
    this.out += this.codePoint(parseInt(first + match[0], 8));
  }

  private codePoint(code: number): string {
    if (code > 0x10ffff) this.fail('code point out of range');
    if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`;
    this.unicode = true;
    return `\\u{${code.toString(16)}}`;
  }

  /** a literal character, escaped for JS in both unicode and legacy modes */
  private literal(ch: string): string {
    const escaped = JS_SYNTAX.has(ch) || (ch === '-' && this.inClass) ? `\\${ch}` : ch;
    if (!this.emulate || !this.state.i) return escaped;
    return this.inClass ? foldClassAtom(escaped) : foldLiteral(ch, escaped);
  }
}
