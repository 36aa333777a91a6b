import { describe, expect, it } from 'vitest';
import { editDistance, suggest } from './suggest.js';

describe('suggest', () => {
  it('computes Damerau distance with transpositions, case-insensitively', () => {
    expect(editDistance('rule', 'rule')).toBe(0);
    expect(editDistance('ruel', 'rule')).toBe(1);
    expect(editDistance('Address', 'adress')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests the closest close candidate', () => {
    expect(suggest('adress', ['address', 'asDefault'])).toBe('address');
    expect(suggest('entrypoint', ['entryPoints', 'middlewares', 'rule'])).toBe('entryPoints');
    expect(suggest('middelwares', ['entryPoints', 'middlewares'])).toBe('middlewares');
  });

  it('does not suggest far-away keys', () => {
    expect(suggest('foo', ['rule', 'service', 'priority'])).toBeUndefined();
    expect(suggest('completelydifferent', ['rule'])).toBeUndefined();
  });
});
