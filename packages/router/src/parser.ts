import type { CallArg, CallNode, RuleNode } from './ast.js';
import { RuleSyntaxError } from './errors.js';
import { tokenize, type Token, type TokenKind } from './tokenizer.js';

/**
 * Recursive-descent parser: `expr := and ('||' and)*`, `and := unary ('&&' unary)*`,
 * `unary := '!' unary | '(' expr ')' | call`, `call := word '(' string (',' string)* ')'`.
 * Matcher names and arities are checked later, by the compiler.
 */
export function parseRuleAst(rule: string): RuleNode {
  if (rule.trim() === '') throw new RuleSyntaxError(rule, 0, 'empty rule');
  const parser = new Parser(rule, tokenize(rule));
  const node = parser.expression();
  parser.expectEnd();
  return node;
}

/** bounds the recursion of parsing, compiling and matching (`!`/parenthesis nesting) */
const MAX_DEPTH = 100;

class Parser {
  private index = 0;
  private depth = 0;
  constructor(
    private readonly rule: string,
    private readonly tokens: Token[],
  ) {}

  expression(): RuleNode {
    let left = this.conjunction();
    while (this.peek().kind === '||') {
      this.index++;
      const right = this.conjunction();
      left = { type: 'or', left, right, ...this.span(left.start, right.end) };
    }
    return left;
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.kind !== 'end') throw this.unexpected(token);
  }

  private conjunction(): RuleNode {
    let left = this.unary();
    while (this.peek().kind === '&&') {
      this.index++;
      const right = this.unary();
      left = { type: 'and', left, right, ...this.span(left.start, right.end) };
    }
    return left;
  }

  private unary(): RuleNode {
    const token = this.next();
    if (token.kind === 'word') return this.call(token);
    if (token.kind !== '!' && token.kind !== '(') throw this.unexpected(token);
    if (++this.depth > MAX_DEPTH) {
      throw new RuleSyntaxError(this.rule, token.start, `rule nested deeper than ${MAX_DEPTH} levels`);
    }
    let node: RuleNode;
    if (token.kind === '!') {
      const operand = this.unary();
      node = { type: 'not', operand, ...this.span(token.start, operand.end) };
    } else {
      const inner = this.expression();
      const close = this.expect(')');
      node = { ...inner, ...this.span(token.start, close.end) };
    }
    this.depth--;
    return node;
  }

  private call(name: Token): CallNode {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name.value)) {
      throw new RuleSyntaxError(this.rule, name.start, `invalid matcher name ${name.value}`);
    }
    const open = this.peek();
    if (open.kind !== '(') {
      throw new RuleSyntaxError(this.rule, open.kind === 'end' ? name.start : open.start,
        `expected ( after ${name.value}`, 'a rule is made of matchers such as Host(`example.com`)');
    }
    this.index++;
    const args: CallArg[] = [];
    if (this.peek().kind !== ')') {
      args.push(this.argument());
      while (this.peek().kind === ',') {
        this.index++;
        args.push(this.argument());
      }
    }
    const close = this.expect(')');
    return { type: 'call', name: name.value, args, ...this.span(name.start, close.end) };
  }

  private argument(): CallArg {
    const token = this.next();
    if (token.kind === 'string') return { value: token.value, start: token.start };
    if (token.kind === 'word') {
      throw new RuleSyntaxError(this.rule, token.start, `unquoted argument ${token.value}`,
        'quote arguments with backticks or double quotes');
    }
    throw this.unexpected(token);
  }

  private expect(kind: TokenKind): Token {
    const token = this.next();
    if (token.kind !== kind) throw this.unexpected(token, `expected ${kind}`);
    return token;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index];
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private unexpected(token: Token, expected?: string): RuleSyntaxError {
    if (token.kind === 'end') {
      const last = this.rule.trimEnd().length - 1;
      return new RuleSyntaxError(this.rule, Math.max(0, last), 'unexpected end', expected);
    }
    const what = token.kind === 'string' ? 'string' : token.kind === 'word' ? token.value : token.kind;
    return new RuleSyntaxError(this.rule, token.start, `unexpected ${what}`, expected);
  }

  private span(start: number, end: number): { start: number; end: number; text: string } {
    return { start, end, text: this.rule.slice(start, end) };
  }
}
