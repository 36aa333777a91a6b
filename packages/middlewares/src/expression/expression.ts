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

/** Parses an expression; `functions` maps a name to its arity, for early errors. */
export function parseExpression(src: string, functions: Readonly<Record<string, number>>): Expr {
  const tokens = tokenize(src);
  let i = 0;
  const fail = (why: string): never => {
    throw MiddlewareErrors.invalidOptions('expression', `${why} in "${src}"`);
  };
  const peek = () => tokens[i];
  const eat = (v: string) => (peek()?.t === 'op' && peek()!.v === v ? (i++, true) : false);
  const parseOr = (): Expr => {
    let left = parseAnd();
    while (eat('||')) left = { kind: 'or', left, right: parseAnd() };
    return left;
  };
  const parseAnd = (): Expr => {
    let left = parseCmp();
    while (eat('&&')) left = { kind: 'and', left, right: parseCmp() };
    return left;
  };
  const parseCmp = (): Expr => {
    const left = parseValue();
    const tok = peek();
    if (tok?.t === 'op' && ['>', '<', '>=', '<=', '==', '!='].includes(tok.v)) {
      i++;
      return { kind: 'cmp', op: tok.v as CmpOp, left, right: parseValue() };
    }
    return left;
  };
  const parseValue = (): Expr => {
    const tok = tokens[i++];
    if (!tok) return fail('unexpected end');
    if (tok.t === 'num') return { kind: 'num', value: tok.v };
    if (tok.t === 'op' && tok.v === '(') {
      const inner = parseOr();
      if (!eat(')')) fail('missing )');
      return inner;
    }
    if (tok.t !== 'id') return fail(`unexpected ${tok.v}`);
    if (!(tok.v in functions)) fail(`unknown function ${tok.v}`);
    if (!eat('(')) fail(`${tok.v} needs ()`);
    const args: number[] = [];
    while (!eat(')')) {
      const arg = tokens[i++];
      if (arg?.t !== 'num') return fail(`${tok.v}: numeric argument expected`);
      args.push(arg.v);
      eat(',');
    }
    if (args.length !== functions[tok.v]) fail(`${tok.v} takes ${functions[tok.v]} arguments`);
    return { kind: 'call', name: tok.v, args };
  };
  const expr = parseOr();
  if (i !== tokens.length) fail('trailing input');
  return expr;
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
