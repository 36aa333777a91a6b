import { describe, expect, it } from 'vitest';
import { request } from '../fixtures/request.js';
import { parseRule } from '../parse-rule.js';

describe('Path, PathPrefix, PathRegexp', () => {
  it.each([
    ['Path(`/foo`)', '/foo', true],
    ['Path(`/foo`)', '/foo/', false],
    ['Path(`/foo`)', '/Foo', false],
    ['Path(`/foo`)', '/foobar', false],
    ['Path(`/foo bar`)', '/foo bar', true],
    ['Path(`/a%2Fb`)', '/a%2Fb', true],
    ['Path(`/a/b`)', '/a%2Fb', false],
    ['Path(`/css{path:(/.*)?}`)', '/css/x', false], // v2 template is literal in v3
    ['PathPrefix(`/api`)', '/api', true],
    ['PathPrefix(`/api`)', '/api/v1', true],
    ['PathPrefix(`/api`)', '/apiary', true], // no segment boundary (Traefik)
    ['PathPrefix(`/api/`)', '/api', false],
    ['PathPrefix(`/`)', '/anything', true],
    ['PathPrefix(`/API`)', '/api', false],
    ['PathRegexp(`^/api/v[0-9]+`)', '/api/v2/users', true],
    ['PathRegexp(`^/api/v[0-9]+$`)', '/api/v2/users', false],
    ['PathRegexp(`\\.(jpg|png)$`)', '/img/a.png', true], // unanchored at the start
    ['PathRegexp(`(?i)\\.JPG$`)', '/img/a.jpg', true],
    ['PathRegexp(`v[0-9]`)', '/api/v2', true], // no leading / required
    ['PathRegexp(`^/users/(?P<id>[0-9]+)$`)', '/users/42', true],
    ['PathRegexp(`^/users/(?P<id>[0-9]+)$`)', '/users/4x', false],
  ])('%s on %j → %s', (rule, path, expected) => {
    expect(parseRule(rule).matcher(request({ path }))).toBe(expected);
  });

  it.each(['Path(`foo`)', 'PathPrefix(`api`)', 'PathPrefix(`*`)'])('%s requires a leading slash', (rule) => {
    expect(() => parseRule(rule)).toThrow(/must start with \//);
  });
});

describe('Method', () => {
  it.each([
    ['Method(`GET`)', 'GET', true],
    ['Method(`get`)', 'GET', true],
    ['Method(`GET`)', 'POST', false],
    ['Method(`PURGE`)', 'PURGE', true],
    ['method(`delete`)', 'DELETE', true],
  ])('%s on %s → %s', (rule, method, expected) => {
    expect(parseRule(rule).matcher(request({ method }))).toBe(expected);
  });
});
