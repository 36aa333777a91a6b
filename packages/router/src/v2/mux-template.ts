import type { GoRegexp } from '@wharf/config';
import { MatcherArgumentError } from '../errors.js';
import { compileGoRegexp } from '../go-regexp.js';

/**
 * gorilla/mux route templates, as Traefik v2 rules used them: literal text with `{name}` or
 * `{name:pattern}` placeholders. Literal parts are quoted; the whole is anchored like mux does:
 * host and path `^…$`, path prefix `^…`, query value `^…$`.
 */
export type TemplateKind = 'host' | 'path' | 'prefix' | 'query';

const DEFAULT_PATTERN: Record<TemplateKind, string> = {
  host: '[^.]+',
  path: '[^/]+',
  prefix: '[^/]+',
  query: '.*',
};

export function hasPlaceholders(template: string): boolean {
  return template.includes('{');
}

export function compileMuxTemplate(template: string, kind: TemplateKind, argIndex = 0): GoRegexp {
  const fail = (why: string): never => {
    throw new MatcherArgumentError(`invalid template ${template}: ${why}`, argIndex);
  };
  let source = '^';
  let literalStart = 0;
  for (const [open, close] of braceRanges(template, fail)) {
    source += literal(template.slice(literalStart, open), kind);
    const body = template.slice(open + 1, close);
    const colon = body.indexOf(':');
    const name = colon === -1 ? body : body.slice(0, colon);
    const pattern = colon === -1 ? DEFAULT_PATTERN[kind] : body.slice(colon + 1);
    if (name === '' || pattern === '') fail(`missing name or pattern in {${body}}`);
    source += `(?:${pattern})`;
    literalStart = close + 1;
  }
  source += literal(template.slice(literalStart), kind);
  if (kind !== 'prefix') source += '$';
  return compileGoRegexp(source, argIndex);
}

/** [open, close] offsets of the top-level `{…}` pairs (nested braces belong to the pattern) */
function braceRanges(template: string, fail: (why: string) => never): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let level = 0;
  let open = 0;
  for (let i = 0; i < template.length; i++) {
    if (template[i] === '{') {
      if (level === 0) open = i;
      level++;
    } else if (template[i] === '}') {
      level--;
      if (level === 0) ranges.push([open, i]);
      if (level < 0) fail('unbalanced braces');
    }
  }
  if (level !== 0) fail('unbalanced braces');
  return ranges;
}

/** Go regexp.QuoteMeta; host literals are lower-cased since the request host is */
function literal(text: string, kind: TemplateKind): string {
  const quoted = text.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
  return kind === 'host' ? quoted.toLowerCase() : quoted;
}
