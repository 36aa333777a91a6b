/**
 * Literal text every match must start or end with, read from a Go regexp's source at compile
 * time so a request that lacks it is rejected with `startsWith`/`endsWith` before the engine
 * runs (most rule evaluations are misses). Conservative: a source this reader does not fully
 * understand gets no affixes, and affixes are only a necessary condition, so the engine still
 * decides every match and semantics stay RE2's.
 *
 * - prefix: `^lit…` (or `\Alit…`) with no top-level `|`: `^/api/v[0-9]+` → `/api/v`.
 * - suffix: `…lit$` (or `…lit\z`) with no top-level `|`: `^[a-z]+\.example\.com$` → `.example.com`.
 * - none at all when any flag group appears (`(?i)` folds case, `(?m)` moves `^`/`$`).
 */
export interface LiteralAffixes {
  prefix: string;
  suffix: string;
}

type Item = { kind: 'lit'; ch: string } | { kind: 'quant' | 'begin' | 'end' | 'alt' | 'other' };

const NONE: LiteralAffixes = { prefix: '', suffix: '' };
/** ASCII characters that are literal outside a class (Go metacharacters: `\.+*?()|[]{}^$`) */
const PLAIN = /^[A-Za-z0-9/\-_~!@#%&=:;,'"<> ]$/;
const REPEAT = /^\{\d+(?:,\d*)?\}/;
const FLAG_GROUP = /^\(\?[a-zA-Z-]*[:)]/;
const POSIX_CLASS = /^\[:\^?[a-z]+:\]/;
const ESCAPE_ARGUMENT = /^(?:x\{[^}]*\}|x[0-9A-Fa-f]{0,2}|[pP]\{[^}]*\}|[pP].|[0-7]{1,3})/;

export function literalAffixes(source: string): LiteralAffixes {
  const items = topLevelItems(source);
  if (items === null || items.some((item) => item.kind === 'alt')) return NONE;
  return { prefix: prefixOf(items), suffix: suffixOf(items) };
}

function prefixOf(items: Item[]): string {
  if (items[0]?.kind !== 'begin') return '';
  let end = 1;
  while (items[end]?.kind === 'lit') end++;
  if (items[end]?.kind === 'quant') end--; // `^/ab*`: the `b` is optional
  return literalText(items.slice(1, Math.max(end, 1)));
}

function suffixOf(items: Item[]): string {
  if (items.at(-1)?.kind !== 'end') return '';
  let start = items.length - 1;
  while (start > 0 && items[start - 1]?.kind === 'lit') start--;
  return literalText(items.slice(start, -1));
}

function literalText(items: Item[]): string {
  return items.map((item) => (item.kind === 'lit' ? item.ch : '')).join('');
}

/** depth-0 items of the source, or null when it holds something this reader does not handle */
function topLevelItems(src: string): Item[] | null {
  const items: Item[] = [];
  let depth = 0;
  for (let i = 0; i < src.length; ) {
    const ch = src[i]!;
    let item: Item = { kind: 'other' };
    let width = 1;
    if (ch === '\\') {
      const next = src[i + 1];
      if (next === undefined || next === 'Q') return null;
      width = escapeWidth(src, i);
      if (next === 'A') item = { kind: 'begin' };
      else if (next === 'z') item = { kind: 'end' };
      else if (/^[!-/:-@[-`{-~]$/.test(next)) item = { kind: 'lit', ch: next };
    } else if (ch === '[') {
      width = classWidth(src, i);
      if (width === 0) return null;
    } else if (ch === '(') {
      if (FLAG_GROUP.test(src.slice(i)) && !src.startsWith('(?:', i)) return null;
      depth++;
    } else if (ch === ')') {
      depth--;
    } else if (ch === '{') {
      const repeat = REPEAT.exec(src.slice(i));
      if (repeat !== null) [item, width] = [{ kind: 'quant' }, repeat[0].length];
    } else if (ch === '*' || ch === '+' || ch === '?') item = { kind: 'quant' };
    else if (ch === '|') item = { kind: 'alt' };
    else if (ch === '^') item = { kind: 'begin' };
    else if (ch === '$') item = { kind: 'end' };
    else if (PLAIN.test(ch)) item = { kind: 'lit', ch };
    if (depth === 0 && ch !== ')') items.push(item);
    else if (depth === 0) items.push({ kind: 'other' }); // a closed group is one atom
    i += width;
  }
  return depth === 0 ? items : null;
}

/** length of the escape at `at`, its argument included: `\x41`, `\x{41}`, `\p{Greek}`, `\101` */
function escapeWidth(src: string, at: number): number {
  const arg = ESCAPE_ARGUMENT.exec(src.slice(at + 1));
  return 1 + (arg === null ? 1 : arg[0].length);
}

/** length of the class `[…]` starting at `at` (a leading `]` is literal, `[:alpha:]` nests), 0 if unclosed */
function classWidth(src: string, at: number): number {
  let i = at + 1;
  if (src[i] === '^') i++;
  if (src[i] === ']') i++;
  while (i < src.length) {
    const posix = src[i] === '[' ? POSIX_CLASS.exec(src.slice(i)) : null;
    if (src[i] === '\\') i += 2;
    else if (posix !== null) i += posix[0].length;
    else if (src[i] === ']') return i + 1 - at;
    else i++;
  }
  return 0;
}
