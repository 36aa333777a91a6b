/**
 * Go RE2 flag groups (`(?i)`, `(?s:…)`, `(?-m)`) that JavaScript (Node 20) cannot scope: a
 * pattern that uses them anywhere but at its very start is translated with the flags emulated
 * (letters folded to `[aA]`, `.` → `[\s\S]`, multi-line `^`/`$` as lookarounds).
 */
export interface FlagState {
  i: boolean;
  s: boolean;
  m: boolean;
}

/** a flag group at the start of `text`: `(?is)`, `(?i-s:`, `(?-m)`; null for `(?:`, `(?P<` … */
export function readFlagGroup(text: string): { on: string; off: string; scoped: boolean; length: number } | null {
  const match = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(text);
  if (match === null || (match[1] === '' && match[2] === undefined)) return null;
  return { on: match[1], off: match[2] ?? '', scoped: match[3] === ':', length: match[0].length };
}

/** true when a flag group appears after the leading ones (so JS flags cannot express them) */
export function hasInnerFlagGroups(rest: string): boolean {
  for (let at = rest.indexOf('(?'); at !== -1; at = rest.indexOf('(?', at + 2)) {
    if (readFlagGroup(rest.slice(at)) !== null) return true;
  }
  return false;
}

export function applyFlags(state: FlagState, on: string, off: string, fail: (why: string) => never): FlagState {
  const next = { ...state };
  for (const [letters, value] of [[on, true], [off, false]] as const) {
    for (const flag of letters) {
      if (flag === 'U') fail('the ungreedy flag (?U) is not supported');
      if (flag !== 'i' && flag !== 's' && flag !== 'm') fail(`unknown flag ${flag}`);
      next[flag] = value;
    }
  }
  return next;
}

function otherCase(ch: string): string | undefined {
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  const other = ch === lower ? upper : lower;
  return other !== ch && [...other].length === 1 ? other : undefined;
}

/** a literal (already escaped as `escaped`) outside a class, case-folded: `a` → `[aA]` */
export function foldLiteral(ch: string, escaped: string): string {
  const other = otherCase(ch);
  return other === undefined ? escaped : `[${ch}${other}]`;
}

/** a class atom, case-folded: `a` → `aA` */
export function foldClassAtom(ch: string): string {
  return ch + (otherCase(ch) ?? '');
}

/** a class range, case-folded when both ends are ASCII letters of one case: `a-f` → `a-fA-F` */
export function foldClassRange(lo: string, hi: string): string {
  const both = (re: RegExp): boolean => re.test(lo) && re.test(hi);
  if (both(/^[a-z]$/)) return `${lo}-${hi}${lo.toUpperCase()}-${hi.toUpperCase()}`;
  if (both(/^[A-Z]$/)) return `${lo}-${hi}${lo.toLowerCase()}-${hi.toLowerCase()}`;
  return `${lo}-${hi}`;
}
