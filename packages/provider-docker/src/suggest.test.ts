import { describe, expect, it } from 'vitest';
import { closest, editDistance } from './suggest.js';

describe('suggest', () => {
  it.each([['port', 'prot', 1], ['port', 'port', 0], ['Port', 'port', 0], ['abc', '', 3], ['kitten', 'sitting', 3]])(
    'editDistance(%s, %s) = %i', (a, b, d) => expect(editDistance(a, b)).toBe(d));
  it('closest respects a length-scaled limit', () => {
    expect(closest('prot', ['port', 'scheme'])).toBe('port');
    expect(closest('xyz', ['port', 'scheme'])).toBeUndefined();
  });
});
