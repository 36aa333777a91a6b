import { describe, expect, it } from 'vitest';
import { stableJson } from './merge-fragments.js';

describe('stableJson', () => {
  it('ignores key order and undefined values', () => {
    expect(stableJson({ b: 1, a: [{ y: 2, x: 'q' }], c: undefined })).toBe(stableJson({ a: [{ x: 'q', y: 2 }], b: 1 }));
    expect(stableJson({ a: 1 })).not.toBe(stableJson({ a: 2 }));
  });
});
