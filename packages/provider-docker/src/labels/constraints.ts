import { compileGoRegexp } from '@wharf/config';

/**
 * Traefik container constraints: `Label(`k`,`v`)` (exact), `LabelRegex(`k`,`re`)` (unanchored),
 * combined with `&&`, `||`, `!` and parentheses. Empty matches everything.
 */
export type ConstraintMatcher = (labels: Record<string, string>) => boolean;

export type ParsedConstraints = { ok: true; match: ConstraintMatcher } | { ok: false; error: string };

type Token = { kind: 'op'; value: '&&' | '||' | '!' | '(' | ')' | ',' } | { kind: 'ident' | 'str'; value: string };

export function parseConstraints(expression: string): ParsedConstraints {
  if (expression.trim() === '') return { ok: true, match: () => true };
  try {
    const tokens = tokenize(expression);
    const parser = new Parser(tokens);
    const match = parser.parseOr();
    if (parser.pos !== tokens.length) throw new Error(`unexpected token at ${parser.pos}`);
    return { ok: true, match };
  } catch (err) {
    return { ok: false, error: `invalid constraints "${expression}": ${(err as Error).message}` };
  }
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) { i++; continue; }
    const two = input.slice(i, i + 2);
    if (two === '&&' || two === '||') { tokens.push({ kind: 'op', value: two }); i += 2; continue; }
    if (c === '!' || c === '(' || c === ')' || c === ',') { tokens.push({ kind: 'op', value: c }); i++; continue; }
    if (c === '`' || c === '"') {
      const end = input.indexOf(c, i + 1);
      if (end < 0) throw new Error('unterminated string');
      tokens.push({ kind: 'str', value: input.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const ident = /^[A-Za-z]+/.exec(input.slice(i));
    if (!ident) throw new Error(`unexpected character "${c}"`);
    tokens.push({ kind: 'ident', value: ident[0] });
    i += ident[0].length;
  }
  return tokens;
}

class Parser {
  pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parseOr(): ConstraintMatcher {
    let left = this.parseAnd();
    while (this.accept('||')) {
      const l = left, r = this.parseAnd();
      left = (labels) => l(labels) || r(labels);
    }
    return left;
  }

  private parseAnd(): ConstraintMatcher {
    let left = this.parseUnary();
    while (this.accept('&&')) {
      const l = left, r = this.parseUnary();
      left = (labels) => l(labels) && r(labels);
    }
    return left;
  }

  private parseUnary(): ConstraintMatcher {
    if (this.accept('!')) {
      const inner = this.parseUnary();
      return (labels) => !inner(labels);
    }
    if (this.accept('(')) {
      const inner = this.parseOr();
      this.expect(')');
      return inner;
    }
    return this.parseCall();
  }

  private parseCall(): ConstraintMatcher {
    const token = this.tokens[this.pos++];
    if (token?.kind !== 'ident') throw new Error('expected Label or LabelRegex');
    this.expect('(');
    const key = this.string();
    this.expect(',');
    const value = this.string();
    this.expect(')');
    if (token.value === 'Label') return (labels) => labels[key] === value;
    if (token.value === 'LabelRegex') {
      const re = compileGoRegexp(value); // Go RE2 on a linear-time engine, as Traefik's regexp.MatchString
      return (labels) => labels[key] !== undefined && re.test(labels[key]!);
    }
    throw new Error(`unknown matcher ${token.value}`);
  }

  private string(): string {
    const token = this.tokens[this.pos++];
    if (token?.kind !== 'str') throw new Error('expected a quoted string');
    return token.value;
  }

  private accept(op: string): boolean {
    const token = this.tokens[this.pos];
    if (token?.kind === 'op' && token.value === op) { this.pos++; return true; }
    return false;
  }

  private expect(op: string): void {
    if (!this.accept(op)) throw new Error(`expected "${op}"`);
  }
}
