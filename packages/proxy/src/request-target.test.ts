import { describe, expect, it } from 'vitest';
import { splitTarget } from './request-target.js';

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
