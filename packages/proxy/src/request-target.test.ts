import { describe, expect, it } from 'vitest';
import { OPTIONS_ASTERISK, splitTarget, targetProblem } from './request-target.js';

describe('splitTarget', () => {
  it.each([
    ['/a/b?x=1&y', { authority: undefined, path: '/a/b', query: 'x=1&y' }],
    ['/', { authority: undefined, path: '/', query: '' }],
    ['http://Example.com:81/p?q', { authority: 'Example.com:81', path: '/p', query: 'q' }],
    ['http://u:p@h.test', { authority: 'h.test', path: '/', query: '' }],
    ['http://h.test?z=1', { authority: 'h.test', path: '/', query: 'z=1' }],
    ['*', { authority: undefined, path: '*', query: '' }],
  ])('%s', (url, expected) => {
    expect(splitTarget(url)).toEqual(expected);
  });
});

describe('targetProblem', () => {
  const problem = (url: string, method = 'GET') => targetProblem(url, splitTarget(url), method);

  it('accepts origin-form paths and http(s) absolute-form with a valid authority', () => {
    for (const url of ['/', '/a?b#c', 'http://a.example/x', 'HTTPS://a.example:8443', 'http://[::1]:80/']) expect(problem(url), url).toBeUndefined();
  });

  it('answers OPTIONS * itself and refuses * for other methods', () => {
    expect(problem('*', 'OPTIONS')).toBe(OPTIONS_ASTERISK);
    expect(problem('*')).toMatch(/asterisk/);
  });

  it('refuses fragments, other schemes and bad authorities', () => {
    for (const url of ['/x#/../admin', 'ftp://a.example/', 'http://a b/', 'http://[::1/', 'http:///x', 'http://a.example/#x', 'admin']) {
      expect(problem(url), url).toBeDefined();
    }
  });
});
