import type { DynamicConfig } from '@wharf/config';
import { describe, expect, it } from 'vitest';
import { defaultDeps } from '../default-deps.js';
import { RouterMemo } from './router-memo.js';
import { validateConfig } from './validate-config.js';

const lb = { loadBalancer: { servers: [{ url: 'http://10.0.0.1' }] } };
function configWith(rules: Record<string, string>): DynamicConfig {
  const routers = Object.fromEntries(Object.entries(rules).map(([n, rule]) => [n, { rule, service: 's@file' }]));
  return { http: { routers, services: { 's@file': lb }, middlewares: {} } };
}

// issue 11, reloads at scale: an unchanged router is not decoded and parsed again
describe('RouterMemo across generations', () => {
  it('parses only the routers whose content changed, and gives the same results as without it', () => {
    const parsed: string[] = [];
    const deps = { ...defaultDeps, parseRule: (rule: string, syntax: Parameters<typeof defaultDeps.parseRule>[1]) => (parsed.push(rule), defaultDeps.parseRule(rule, syntax)) };
    const memo = new RouterMemo();
    const opts = { entryPoints: [{ name: 'web', address: ':80' }], defaultRuleSyntax: 'v3' as const, deps, internalServices: [], memo };
    const rules = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`r${i}@file`, `Path(\`/p${i}\`)`]));
    validateConfig(configWith(rules), opts);
    expect(parsed).toHaveLength(50);
    parsed.length = 0;
    const second = validateConfig(configWith({ ...rules, 'r7@file': 'Path(`/changed`)', 'bad@file': 'Path(' }), opts);
    expect(parsed).toEqual(['Path(`/changed`)', 'Path(']);
    const plain = validateConfig(configWith({ ...rules, 'r7@file': 'Path(`/changed`)', 'bad@file': 'Path(' }), { ...opts, memo: undefined });
    expect(second.routers['r7@file']!.config).toEqual(plain.routers['r7@file']!.config);
    expect(second.routers['bad@file']!.errors).toEqual(plain.routers['bad@file']!.errors);
    expect(second.services['s@file']!.usedBy).toEqual(plain.services['s@file']!.usedBy);
    expect(second.services['s@file']!.usedBy).toHaveLength(51);
  });
});
