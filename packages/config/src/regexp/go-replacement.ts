/**
 * Go's `Regexp.ReplaceAllString`: the template is expanded as `Regexp.Expand` does (`$1`,
 * `${1}`, `$name`, `${name}`, `$$`; a name is the longest run of letters, digits and `_`, so
 * `$1x` means the group named `1x`; a group that does not exist or did not take part expands to
 * nothing; a malformed `$` stays literal), and matches are found as Go finds them (an empty match
 * right after a previous match is not replaced; the search always moves on by one character).
 */

/** a parsed template: literal text and group references (resolved to group numbers) */
export interface GoTemplate {
  readonly parts: ReadonlyArray<string | number>;
  /** how many groups a match must report (0 = whole match only) */
  readonly maxGroup: number;
}

/** [start, end) pairs per group, -1 when a group did not take part; null when no match from `pos` */
export type GoSearch = (pos: number, groups: number) => ArrayLike<number> | null;

const NAME_CHAR = /[\p{L}\p{Nd}_]/u;

export function parseGoTemplate(template: string, namedGroups: Readonly<Record<string, number>>): GoTemplate {
  const parts: Array<string | number> = [];
  let literal = '';
  let maxGroup = 0;
  for (let i = 0; i < template.length; ) {
    const dollar = template.indexOf('$', i);
    if (dollar === -1) {
      literal += template.slice(i);
      break;
    }
    literal += template.slice(i, dollar);
    if (template[dollar + 1] === '$') {
      literal += '$';
      i = dollar + 2;
      continue;
    }
    const ref = readReference(template, dollar + 1);
    if (ref === null) {
      literal += '$';
      i = dollar + 1;
      continue;
    }
    i = ref.end;
    const group = groupNumber(ref.name) ?? namedGroups[ref.name];
    if (group === undefined) continue; // no such group: expands to nothing
    if (literal !== '') parts.push(literal);
    literal = '';
    parts.push(group);
    maxGroup = Math.max(maxGroup, group);
  }
  if (literal !== '') parts.push(literal);
  return { parts, maxGroup };
}

/** `name` or `{name}` at `at` (just past a `$`), or null when malformed */
function readReference(template: string, at: number): { name: string; end: number } | null {
  const brace = template[at] === '{';
  let end = brace ? at + 1 : at;
  for (const ch of template.slice(end)) {
    if (!NAME_CHAR.test(ch)) break;
    end += ch.length;
  }
  const name = template.slice(brace ? at + 1 : at, end);
  if (name === '') return null;
  if (!brace) return { name, end };
  return template[end] === '}' ? { name, end: end + 1 } : null;
}

/** Go `extract`: ASCII digits below 1e8 without a leading zero are a group number */
function groupNumber(name: string): number | undefined {
  if (!/^(?:0|[1-9][0-9]{0,7})$/.test(name)) return undefined;
  return Number(name);
}

export function replaceAllGo(input: string, template: GoTemplate, search: GoSearch): string {
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= input.length) {
    const match = search(searchPos, template.maxGroup + 1);
    if (match === null) break;
    const [start, end] = [match[0]!, match[1]!];
    out += input.slice(lastMatchEnd, start);
    if (end > lastMatchEnd || start === 0) out += expand(input, template, match);
    lastMatchEnd = end;
    const width = (input.codePointAt(searchPos) ?? 0) > 0xffff ? 2 : 1;
    searchPos = searchPos + width > end ? searchPos + width : end;
  }
  return out + input.slice(lastMatchEnd);
}

function expand(input: string, template: GoTemplate, match: ArrayLike<number>): string {
  let out = '';
  for (const part of template.parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const start = match[2 * part] ?? -1;
    const end = match[2 * part + 1] ?? -1;
    if (start >= 0 && end >= 0) out += input.slice(start, end);
  }
  return out;
}
