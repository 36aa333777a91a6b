import { RE2JS } from 're2js';
import { defineError } from '../errors.js';
import { parseGoTemplate, replaceAllGo, type GoTemplate } from './go-replacement.js';
import { literalAffixes, type LiteralAffixes } from './literal-affixes.js';
import { explainSyntaxError } from './syntax-error.js';

export const invalidGoRegexp = defineError(
  'WHARF_CONFIG_BAD_REGEXP',
  400,
  (source: string, why: string) => `invalid regexp ${JSON.stringify(source)}: ${why}`,
);

/**
 * A Go regexp (RE2 syntax and semantics) on a linear-time engine: no input makes it backtrack.
 * Matching is unanchored, as Go's `MatchString`; positions are JavaScript string offsets.
 */
export interface GoRegexp {
  /** the source as written */
  readonly source: string;
  /** Go `MatchString`: a match anywhere in `input` */
  test(input: string): boolean;
  /** Go `FindStringIndex`: [start, end) of the leftmost match, or null */
  findIndex(input: string): [number, number] | null;
  /** Go `ReplaceAllString`: every match replaced by `template` expanded as Go's `Expand` does */
  replaceAll(input: string, template: string): string;
}

export interface GoRegexpOptions {
  /** match as if the source began with `(?i)` */
  ignoreCase?: boolean;
}

type Engine = ReturnType<RE2JS['re2']>;
const UNANCHORED = 0;
/**
 * Linear time is input × program size: above this many instructions one 10 KB request would
 * cost most of a second. Go accepts up to millions; real patterns stay in the hundreds (a
 * hostname with `{0,61}` labels: 255, an e-mail address with `{1,253}`: 762).
 */
export const MAX_GO_REGEXP_PROGRAM = 5_000;

/**
 * Compiles a Go RE2 regexp (re2js: a port of Go's `regexp`, so `(?P<name>`, `(?i)` and inner
 * flag groups, `\pL`, `\Q…\E`, POSIX classes, `(?U)` mean what they mean in Go). What RE2
 * rejects (back-references, lookaround, `\C`, repeats over 1000), and programs over
 * MAX_GO_REGEXP_PROGRAM instructions, fail with `WHARF_CONFIG_BAD_REGEXP`, naming the offending
 * part and its offset.
 */
export function compileGoRegexp(source: string, options: GoRegexpOptions = {}): GoRegexp {
  const go = options.ignoreCase === true ? `(?i)${source}` : source;
  let re: RE2JS;
  try {
    re = RE2JS.compile(go);
  } catch (err) {
    throw invalidGoRegexp(source, explainSyntaxError(source, err));
  }
  const size = re.programSize();
  if (size > MAX_GO_REGEXP_PROGRAM) {
    throw invalidGoRegexp(source, `too large: ${size} instructions, over wharf's limit of ${MAX_GO_REGEXP_PROGRAM} (matching time grows with input × size)`);
  }
  return new Re2GoRegexp(source, re, literalAffixes(go));
}

class Re2GoRegexp implements GoRegexp {
  private readonly engine: Engine;
  private readonly groups: number;
  private template: { text: string; parsed: GoTemplate } | undefined;

  constructor(
    readonly source: string,
    private readonly re: RE2JS,
    private readonly affixes: LiteralAffixes,
  ) {
    this.engine = re.re2();
    this.groups = re.groupCount() + 1;
  }

  test(input: string): boolean {
    const { prefix, suffix } = this.affixes;
    if (prefix !== '' && !input.startsWith(prefix)) return false;
    if (suffix !== '' && !input.endsWith(suffix)) return false;
    return this.re.test(input);
  }

  findIndex(input: string): [number, number] | null {
    const match = this.test(input) ? this.search(input, 0, 1) : null;
    return match === null ? null : [match[0]!, match[1]!];
  }

  replaceAll(input: string, template: string): string {
    if (!this.test(input)) return input;
    if (this.template?.text !== template) {
      this.template = { text: template, parsed: parseGoTemplate(template, this.re.namedGroups()) };
    }
    return replaceAllGo(input, this.template.parsed, (pos, groups) => this.search(input, pos, groups));
  }

  /** leftmost match from `pos` with `groups` groups reported; a DFA pass first rejects no-match cheaply */
  private search(input: string, pos: number, groups: number): ArrayLike<number> | null {
    const [any] = this.engine.matchWithGroup(input, pos, input.length, UNANCHORED, 0) as [boolean, unknown];
    if (!any) return null;
    const wanted = Math.min(groups, this.groups);
    const [found, match] = this.engine.matchWithGroup(input, pos, input.length, UNANCHORED, wanted) as [boolean, number[] | null];
    return found && match !== null ? match : null;
  }
}
