import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { appendHeader, headerValue, readHeader } from './header-values.js';

describe('header values', () => {
  it('reads a field as one string: lists joined, numbers as text', () => {
    expect(headerValue(undefined)).toBeUndefined();
    expect(headerValue('a')).toBe('a');
    expect(headerValue(['gzip', 'br'])).toBe('gzip, br');
    expect(headerValue(['a=1', 'b=2'], '; ')).toBe('a=1; b=2');
    expect(headerValue(42)).toBe('42');
  });

  it('reads a header by name in any case', () => {
    const headers: OutgoingHttpHeaders = { 'content-length': 3, 'x-list': ['Origin', 'Accept'] };
    expect(readHeader(headers, 'Content-Length')).toBe('3');
    expect(readHeader(headers, 'X-List')).toBe('Origin, Accept');
    expect(readHeader(headers, 'x-missing')).toBeUndefined();
  });

  it('appends after existing values, never replacing them', () => {
    const res: OutgoingHttpHeaders = { 'content-length': 3 };
    appendHeader(res, 'set-cookie', 'a=1');
    appendHeader(res, 'set-cookie', 'b=2');
    appendHeader(res, 'set-cookie', 'c=3');
    appendHeader(res, 'content-length', '4');
    expect(res).toEqual({ 'set-cookie': ['a=1', 'b=2', 'c=3'], 'content-length': ['3', '4'] });
    const req: IncomingHttpHeaders = { 'x-forwarded-prefix': '/a' };
    appendHeader(req, 'x-forwarded-prefix', '/b');
    expect(req['x-forwarded-prefix']).toEqual(['/a', '/b']);
  });
});
