import { describe, expect, it } from 'vitest';
import { evaluate, parseExpression } from './expression.js';

const arity = { NetworkErrorRatio: 0, ResponseCodeRatio: 4, LatencyAtQuantileMS: 1, RequestThreshold: 0 };
const fns = {
  NetworkErrorRatio: () => 0.6,
  ResponseCodeRatio: (a: number, b: number, c: number, d: number) => (a === 500 && b === 600 && c === 0 && d === 600 ? 0.3 : -1),
  LatencyAtQuantileMS: (q: number) => (q === 50 ? 120 : -1),
  RequestThreshold: () => 10,
};
const ev = (src: string) => evaluate(parseExpression(src, arity), fns);

describe('expression language', () => {
  it.each([
    ['NetworkErrorRatio() > 0.5', 1],
    ['NetworkErrorRatio() < 0.5', 0],
    ['ResponseCodeRatio(500, 600, 0, 600) > 0.25', 1],
    ['LatencyAtQuantileMS(50.0) >= 120', 1],
    ['LatencyAtQuantileMS(50.0) != 120', 0],
    ['RequestThreshold() == 10 && NetworkErrorRatio() > 0.7', 0],
    ['NetworkErrorRatio() > 0.7 || RequestThreshold() <= 10', 1],
    ['(NetworkErrorRatio() > 0.7 || RequestThreshold() > 5) && LatencyAtQuantileMS(50) > 100', 1],
  ] as const)('%s → %d', (src, value) => expect(ev(src)).toBe(value));
  it.each(['Foo() > 1', 'toString() > 1', 'NetworkErrorRatio( > 1', 'ResponseCodeRatio(1, 2) > 0', 'NetworkErrorRatio() > 0.5 &&', 'x $ y'])(
    'rejects %s with a coded error',
    (src) => expect(() => parseExpression(src, arity)).toThrow(expect.objectContaining({ code: 'WHARF_MIDDLEWARE_OPTIONS' })),
  );
});
