import { describe, expect, it } from 'vitest';
import { request } from '../fixtures/request.js';
import { parseRule } from '../parse-rule.js';

describe('Query and QueryRegexp', () => {
  it.each([
    ['Query(`mobile`)', 'mobile', true],
    ['Query(`mobile`)', 'mobile=', true],
    ['Query(`mobile`)', 'mobile=1', false],
    ['Query(`mobile`)', 'a=1&mobile', true],
    ['Query(`mobile`)', '', false],
    ['Query(`mobile`)', 'mobiles', false],
    ['Query(`foo`, `bar`)', 'foo=bar', true],
    ['Query(`foo`, `bar`)', 'foo=baz&foo=bar', true],
    ['Query(`foo`, `bar`)', 'foo=Bar', false],
    ['Query(`foo`, `bar`)', 'Foo=bar', false],
    ['Query(`foo`, `bar`)', 'xfoo=bar', false],
    ['Query(`foo`, `a b`)', 'foo=a+b', true],
    ['Query(`foo`, `a b`)', 'foo=a%20b', true],
    ['Query(`f o`, `x`)', 'f%20o=x', true],
    ['Query(`foo`, `é`)', 'foo=%C3%A9', true],
    ['Query(`foo`, `bar`)', 'foo=bar;x=1', false], // Go skips pairs with a semicolon
    ['Query(`foo`, `bar`)', 'x=1;y&foo=bar', true],
    ['Query(`foo`, `bar`)', 'foo=%zz&foo=bar', true], // a malformed pair is skipped
    ['Query(`foo`, `%zz`)', 'foo=%zz', false],
    ['Query(`foo`, `a=b`)', 'foo=a=b', true],
    ['Query(`foo`, `bar`)', '&&foo=bar&', true],
    ['QueryRegexp(`id`, `^[0-9]+$`)', 'id=42', true],
    ['QueryRegexp(`id`, `^[0-9]+$`)', 'id=4a', false],
    ['QueryRegexp(`id`, `[0-9]`)', 'id=a1b', true],
    ['QueryRegexp(`id`, `^[0-9]+$`)', 'id=x&id=7', true],
    ['QueryRegexp(`id`, `^[0-9]+$`)', 'other=7', false],
    ['QueryRegexp(`mobile`)', 'mobile', true],
    ['QueryRegexp(`mobile`)', 'mobile=1', false],
  ])('%s on ?%s → %s', (rule, query, expected) => {
    expect(parseRule(rule).matcher(request({ query }))).toBe(expected);
  });
});
