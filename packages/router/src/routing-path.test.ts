import { describe, expect, it } from 'vitest';
import { routingPath } from './routing-path.js';

describe('routingPath', () => {
  it.each([
    ['/', '/'],
    ['/plain/path', '/plain/path'],
    ['/foo%20bar', '/foo bar'],
    ['/%61%62c', '/abc'],
    ['/caf%C3%A9', '/café'],
    ['/caf%c3%a9', '/café'],
    ['/a%2Fb', '/a%2Fb'],
    ['/a%2fb', '/a%2Fb'], // kept escapes are normalised to upper case
    ['/a%3Fb%23c', '/a%3Fb%23c'],
    ['/%25', '/%25'],
    ['/%2525', '/%2525'],
    ['/a%3A%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%5B%5D', '/a%3A%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%5B%5D'],
    ['/%7Euser%2Dx%5F%2E', '/~user-x_.'],
    ['/%C3%A9%2F%C3%A9', '/é%2Fé'],
    ['/%FF', '/\uFFFD'],
  ])('%s → %s', (raw, expected) => {
    expect(routingPath(raw)).toBe(expected);
  });

  it.each(['/%', '/%2', '/%zz', '/a%G1', '/ok/%2'])('%s is malformed (400)', (raw) => {
    expect(routingPath(raw)).toBeNull();
  });
});
