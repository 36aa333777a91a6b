import { describe, expect, it } from 'vitest';
import { decodeGoString } from './go-string.js';

describe('decodeGoString', () => {
  it.each([
    ['plain', 'plain'],
    ['a\\nb', 'a\nb'],
    ['\\t\\r\\a\\b\\f\\v', '\t\r\x07\b\f\v'],
    ['\\\\.', '\\.'],
    ['say \\"hi\\"', 'say "hi"'],
    ['\\x41\\101', 'AA'],
    ['\\xc3\\xa9', 'é'],
    ['\\u00e9\\U0001F600', 'é\u{1F600}'],
  ])('%s → %j', (raw, expected) => {
    expect(decodeGoString(raw)).toBe(expected);
  });

  it.each(['\\q', '\\x4', '\\u12', '\\400', '\\12', "\\'", '\\', '\\uD800', '\\U00110000'])('rejects %s', (raw) => {
    expect(() => decodeGoString(raw)).toThrow();
  });
});
