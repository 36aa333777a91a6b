import { describe, expect, it } from 'vitest';
import { createVerifiedCache } from './verified-cache.js';

describe('verified password cache', () => {
  it('remembers exact (user, password, hash) triples only, bounded', () => {
    const c = createVerifiedCache();
    c.add('u', 'pw', 'h1');
    expect(c.has('u', 'pw', 'h1')).toBe(true);
    expect(c.has('u', 'pw', 'h2')).toBe(false);
    expect(c.has('u', 'pwx', 'h1')).toBe(false);
    expect(c.has('v', 'pw', 'h1')).toBe(false);
    for (let i = 0; i < 1100; i++) c.add(`user${i}`, 'pw', 'h');
    expect(c.has('u', 'pw', 'h1')).toBe(false);
    expect(c.has('user1099', 'pw', 'h')).toBe(true);
  });
});
