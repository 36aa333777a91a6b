import { MiddlewareErrors } from '../errors.js';

/**
 * The small predicate language of Traefik's circuitBreaker and buffering.retryExpression
 * (vulcand/predicate): `Fn(args) op number` joined with `&&`, `||`, parentheses.
 */
export type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'call'; name: string; args: number[] }
  | { kind: 'cmp'; op: CmpOp; left: Expr; right: Expr }
  | { kind: 'and' | 'or'; left: Expr; right: Expr };

type CmpOp = '>' | '<' | '>=' | '<=' | '==' | '!=';
type Token = { t: 'num'; v: number } | { t: 'id'; v: string } | { t: 'op'; v: string };

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_]\w*)|(&&|\|\||>=|<=|==|!=|[<>(),]))/y;

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < src.length) {
    if (/^\s*$/.test(src.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(src);
    if (!m) throw MiddlewareErrors.invalidOptions('expression', `unexpected input at ${TOKEN.lastIndex} in "${src}"`);
    if (m[1] !== undefined) out.push({ t: 'num', v: Number(m[1]) });
    else if (m[2] !== undefined) out.push({ t: 'id', v: m[2] });
    else out.push({ t: 'op', v: m[3]! });
  }
  return out;
}

const COMPARATORS = new Set(['>', '<', '>=', '<=', '==', '!=']);

/** Recursive descent: or := and ('||' and)*; and := cmp ('&&' cmp)*; cmp := value (op value)?. */
class Parser {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly tokens: Token[],
    private readonly functions: Readonly<Record<string, number>>,
  ) {}

  parse(): Expr {
    const expr = this.or();
    if (this.i !== this.tokens.length) this.fail('trailing input');
    return expr;
  }

  private fail(why: string): never {
    throw MiddlewareErrors.invalidOptions('expression', `${why} in "${this.src}"`);
  }

  private eat(v: string): boolean {
    const tok = this.tokens[this.i];
    if (tok?.t !== 'op' || tok.v !== v) return false;
    this.i++;
    return true;
  }

  private or(): Expr {
    let left = this.and();
    while (this.eat('||')) left = { kind: 'or', left, right: this.and() };
    return left;
  }

  private and(): Expr {
    let left = this.cmp();
    while (this.eat('&&')) left = { kind: 'and', left, right: this.cmp() };
    return left;
  }

  private cmp(): Expr {
    const left = this.value();
    const tok = this.tokens[this.i];
    if (tok?.t !== 'op' || !COMPARATORS.has(tok.v)) return left;
    this.i++;
    return { kind: 'cmp', op: tok.v as CmpOp, left, right: this.value() };
  }

  private value(): Expr {
    const tok = this.tokens[this.i++];
    if (!tok) return this.fail('unexpected end');
    if (tok.t === 'num') return { kind: 'num', value: tok.v };
    if (tok.t === 'op' && tok.v === '(') {
      const inner = this.or();
      if (!this.eat(')')) this.fail('missing )');
      return inner;
    }
    if (tok.t !== 'id') return this.fail(`unexpected ${tok.v}`);
    return this.call(tok.v);
  }

  private call(name: string): Expr {
    const arity = Object.hasOwn(this.functions, name) ? this.functions[name] : undefined;
    if (arity === undefined) this.fail(`unknown function ${name}`);
    if (!this.eat('(')) this.fail(`${name} needs ()`);
    const args: number[] = [];
    while (!this.eat(')')) {
      const arg = this.tokens[this.i++];
      if (arg?.t !== 'num') return this.fail(`${name}: numeric argument expected`);
      args.push(arg.v);
      this.eat(',');
    }
    if (args.length !== arity) this.fail(`${name} takes ${arity} arguments`);
    return { kind: 'call', name, args };
  }
}

/** Parses an expression; `functions` maps each allowed function name to its arity. */
export function parseExpression(src: string, functions: Readonly<Record<string, number>>): Expr {
  return new Parser(src, tokenize(src), functions).parse();
}

export type FunctionTable = Readonly<Record<string, (...args: number[]) => number>>;

/** Evaluates to a number; comparisons and logic give 1/0. */
export function evaluate(e: Expr, fns: FunctionTable): number {
  switch (e.kind) {
    case 'num':
      return e.value;
    case 'call':
      return fns[e.name]!(...e.args);
    case 'and':
      return evaluate(e.left, fns) && evaluate(e.right, fns) ? 1 : 0;
    case 'or':
      return evaluate(e.left, fns) || evaluate(e.right, fns) ? 1 : 0;
    case 'cmp': {
      const [l, r] = [evaluate(e.left, fns), evaluate(e.right, fns)];
      const ops: Record<CmpOp, boolean> = { '>': l > r, '<': l < r, '>=': l >= r, '<=': l <= r, '==': l === r, '!=': l !== r };
      return ops[e.op] ? 1 : 0;
    }
  }
}
