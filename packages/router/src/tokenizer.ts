import { RuleSyntaxError } from './errors.js';
import { decodeGoString, GoStringError } from './go-string.js';

export type TokenKind = 'word' | 'string' | '(' | ')' | ',' | '&&' | '||' | '!' | 'end';

export interface Token {
  kind: TokenKind;
  /** words: the raw text; strings: the decoded value */
  value: string;
  /** 0-based start offset in the rule */
  start: number;
  /** 0-based offset just past the token */
  end: number;
}

const PUNCTUATION = new Set(['(', ')', ',', '!']);
/** characters that end a bare word */
const WORD_STOP = /[\s()!,&|`"']/;

/** Splits a rule into tokens; throws RuleSyntaxError on quotes and stray characters. */
export function tokenize(rule: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < rule.length) {
    const ch = rule[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (PUNCTUATION.has(ch)) {
      tokens.push({ kind: ch as TokenKind, value: ch, start: i, end: i + 1 });
      i++;
    } else if (ch === '&' || ch === '|') {
      if (rule[i + 1] !== ch) {
        throw new RuleSyntaxError(rule, i, `unexpected ${ch}`, `did you mean ${ch}${ch}?`);
      }
      tokens.push({ kind: (ch + ch) as TokenKind, value: ch + ch, start: i, end: i + 2 });
      i += 2;
    } else if (ch === '`' || ch === '"') {
      const token = readString(rule, i);
      tokens.push(token);
      i = token.end;
    } else if (ch === "'") {
      throw new RuleSyntaxError(rule, i, 'single quotes are not allowed', 'use backticks or double quotes');
    } else {
      let j = i + 1;
      while (j < rule.length && !WORD_STOP.test(rule[j])) j++;
      tokens.push({ kind: 'word', value: rule.slice(i, j), start: i, end: j });
      i = j;
    }
  }
  tokens.push({ kind: 'end', value: '', start: rule.length, end: rule.length });
  return tokens;
}

function readString(rule: string, start: number): Token {
  const quote = rule[start];
  let j = start + 1;
  while (j < rule.length && rule[j] !== quote) {
    if (quote === '"' && rule[j] === '\\') j++;
    j++;
  }
  if (j >= rule.length) {
    throw new RuleSyntaxError(rule, start, `unterminated string starting with ${quote}`);
  }
  const raw = rule.slice(start + 1, j);
  if (quote === '`') return { kind: 'string', value: raw, start, end: j + 1 };
  try {
    return { kind: 'string', value: decodeGoString(raw), start, end: j + 1 };
  } catch (err) {
    const offset = err instanceof GoStringError ? err.offset : 0;
    const message = err instanceof Error ? err.message : 'invalid string';
    throw new RuleSyntaxError(rule, start + 1 + offset, message);
  }
}
