import { describe, expect, it } from 'vitest';
import * as router from './index.js';

describe('public surface', () => {
  it('exports the documented API', () => {
    const names = [
      'parseRule', 'createRouteTable', 'defaultPriority', 'effectivePriority', 'compareEntries', 'normalizeHost',
      'routingPath', 'compileGoRegexp', 'RuleSyntaxError', 'isRuleSyntaxError', 'RULE_SYNTAX_CODE', 'v2Matchers', 'v3Matchers',
    ];
    for (const name of names) expect(router, name).toHaveProperty(name);
  });

  it('throws coded errors that callers can branch on', () => {
    let caught: unknown;
    try {
      router.parseRule('Host(`a`) &&');
    } catch (err) {
      caught = err;
    }
    expect(router.isRuleSyntaxError(caught)).toBe(true);
    expect(caught).toBeInstanceOf(router.RuleSyntaxError);
    expect(caught).toMatchObject({ code: 'WHARF_RULE_SYNTAX', statusCode: 400, position: 11, rule: 'Host(`a`) &&' });
    expect(router.isRuleSyntaxError(new Error('x'))).toBe(false);
  });

  it('works end to end from a raw request', () => {
    const table = router.createRouteTable([
      { name: 'docs@file', priority: 0, rule: router.parseRule('Host(`docs.example.com`) && Path(`/a b`)'), value: 'docs' },
    ]);
    const path = router.routingPath('/a%20b');
    expect(path).toBe('/a b');
    const req = { host: router.normalizeHost('Docs.Example.com.:443'), path: path ?? '', method: 'GET', headers: {}, query: '', clientIP: '::1' };
    expect(table.match(req)?.value).toBe('docs');
  });
});
