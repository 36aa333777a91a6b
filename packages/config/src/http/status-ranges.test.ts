import { describe, expect, it } from 'vitest';
import { compileStatusRanges, parseStatusRange, parseStatusRanges, STATUS_RANGES_PATTERN } from './status-ranges.js';

describe('status ranges', () => {
  it('matches ranges and single codes from a list or a label string', () => {
    const m = compileStatusRanges('500-599,429');
    expect([500, 503, 599, 429].map(m)).toEqual([true, true, true, true]);
    expect([499, 600, 200, 430].map(m)).toEqual([false, false, false, false]);
    expect(compileStatusRanges(['404', '500-502'])(501)).toBe(true);
    expect(compileStatusRanges(undefined)(500)).toBe(false);
  });

  it('parses one range or code, blanks allowed; malformed or empty ranges are undefined', () => {
    expect(parseStatusRange('404')).toEqual([404, 404]);
    expect(parseStatusRange(' 500 - 599 ')).toEqual([500, 599]);
    expect(parseStatusRange('599-500')).toBeUndefined();
    expect(parseStatusRange('5xx')).toBeUndefined();
    expect(parseStatusRange('bogus')).toBeUndefined();
    expect(parseStatusRange('404,500')).toBeUndefined();
    expect(parseStatusRange('')).toBeUndefined();
  });

  it('skips malformed parts of a list', () => {
    expect(parseStatusRanges(['404', 'bogus', '500-599, 429'])).toEqual([[404, 404], [500, 599], [429, 429]]);
  });

  it('has a pattern accepting exactly the comma lists', () => {
    const re = new RegExp(STATUS_RANGES_PATTERN, 'u');
    expect(['500', '500-599', ' 500 - 599 , 429 '].every((s) => re.test(s))).toBe(true);
    expect(['5xx', '500-', '500,,429', ''].some((s) => re.test(s))).toBe(false);
  });
});
