import type { RouterTlsConfig } from '@wharf/config';
import { parseRule } from '@wharf/router';
import { describe, expect, it } from 'vitest';
import { resolveTlsOptionConflicts } from './tls-option-conflicts.js';
import type { ValidatedRouter } from './validated.js';

const router = (name: string, entryPoints: string[], rule: string, tls: RouterTlsConfig | undefined): ValidatedRouter => ({
  status: 'enabled',
  errors: [],
  name,
  provider: name.split('@')[1]!,
  config: { entryPoints, rule, service: 's@file', ...(tls && { tls }) },
  using: [...entryPoints].sort(),
  priority: rule.length,
  ruleSyntax: 'v3',
  parsed: parseRule(rule),
});

const resolve = (...list: ValidatedRouter[]) => resolveTlsOptionConflicts(Object.fromEntries(list.map((r) => [r.name, r])));
/** name → [resolved options, entrypoints] */
const summary = (routers: Record<string, ValidatedRouter>) =>
  Object.fromEntries(Object.values(routers).map((r) => [r.name, [r.tlsOptions, r.using.join(',')]]));

// Traefik's Test_resolveHTTPTLSOptions cases (pkg/server/aggregator_test.go), with wharf's warnings
describe('resolveTlsOptionConflicts', () => {
  it('same host, different options, different entrypoints: no conflict', () => {
    const out = resolve(router('a@file', ['ep-a'], 'Host(`example.com`)', { options: 'optsA' }), router('b@file', ['ep-b'], 'Host(`example.com`)', { options: 'optsB' }));
    expect(summary(out.routers)).toEqual({ 'a@file': ['optsA@file', 'ep-a'], 'b@file': ['optsB@file', 'ep-b'] });
    expect(out.conflicts).toEqual([]);
  });

  it('same host, different options, same entrypoint: both become default copies, the originals go', () => {
    const out = resolve(router('a@file', ['ep-a'], 'Host(`Example.com`)', { options: 'optsA' }), router('b@docker', ['ep-a'], 'Host(`example.com`) && Path(`/x`)', { options: 'optsB' }));
    expect(summary(out.routers)).toEqual({ 'ep-a-conflicted-a@file': ['default', 'ep-a'], 'ep-a-conflicted-b@docker': ['default', 'ep-a'] });
    const copy = out.routers['ep-a-conflicted-a@file']!;
    expect(copy).toMatchObject({ status: 'warning', provider: 'file', config: { entryPoints: ['ep-a'], tls: { options: 'optsA' } } });
    expect(copy.errors[0]).toContain('host "example.com" is served by multiple routers with different TLS options (a@file: optsA@file; b@docker: optsB@docker)');
    expect(out.conflicts.map((c) => [c.code, c.router, c.copy])).toEqual([
      ['WHARF_TLS_OPTIONS_CONFLICT', 'a@file', 'ep-a-conflicted-a@file'],
      ['WHARF_TLS_OPTIONS_CONFLICT', 'b@docker', 'ep-a-conflicted-b@docker'],
    ]);
  });

  it('same host, same options, same entrypoint: keeps the options (default and empty are one set)', () => {
    const out = resolve(
      router('a@file', ['ep-a'], 'Host(`example.com`)', { options: 'optsA' }),
      router('b@file', ['ep-a'], 'Host(`example.com`) && PathPrefix(`/foo`)', { options: 'optsA' }),
      router('c@file', ['ep-a'], 'Host(`other.com`)', { options: 'default' }),
      router('d@file', ['ep-a'], 'Host(`other.com`)', {}),
    );
    expect(summary(out.routers)).toEqual({ 'a@file': ['optsA@file', 'ep-a'], 'b@file': ['optsA@file', 'ep-a'], 'c@file': ['default', 'ep-a'], 'd@file': ['default', 'ep-a'] });
    expect(Object.values(out.routers).every((r) => r.status === 'enabled')).toBe(true);
  });

  it('a router on two entrypoints conflicting on one: keeps the other, with a warning naming its copy', () => {
    const out = resolve(router('shared@file', ['ep-a', 'ep-b'], 'Host(`example.com`)', { options: 'optsX' }), router('other@file', ['ep-a'], 'Host(`example.com`)', { options: 'optsY' }));
    expect(summary(out.routers)).toEqual({
      'ep-a-conflicted-shared@file': ['default', 'ep-a'],
      'shared@file': ['optsX@file', 'ep-b'],
      'ep-a-conflicted-other@file': ['default', 'ep-a'],
    });
    expect(out.routers['shared@file']).toMatchObject({ status: 'warning', config: { entryPoints: ['ep-b'] } });
    expect(out.routers['shared@file']!.errors).toEqual(['TLS options conflict on entryPoint "ep-a": served there by "ep-a-conflicted-shared@file" with the default TLS options']);
  });

  it('names at most three routers per option set (thousands may share a host)', () => {
    const many = [1, 2, 3, 4, 5].map((i) => router(`r${i}@file`, ['ep-a'], 'Host(`example.com`)', {}));
    const out = resolve(...many, router('strict@file', ['ep-a'], 'Host(`example.com`)', { options: 'strict' }));
    expect(out.conflicts).toHaveLength(6);
    expect(out.conflicts[0]!.message).toBe('on entryPoint "ep-a", host "example.com" is served by multiple routers with different TLS options (r1@file, r2@file, r3@file and 2 more: default; strict@file: strict@file)');
  });

  it('no domain in the rule with non-default options: a default copy with WHARF_TLS_OPTIONS_NO_DOMAIN', () => {
    const out = resolve(router('a@file', ['ep-a'], 'PathPrefix(`/foo`)', { options: 'optsA' }));
    expect(summary(out.routers)).toEqual({ 'ep-a-conflicted-a@file': ['default', 'ep-a'] });
    expect(out.conflicts[0]?.code).toBe('WHARF_TLS_OPTIONS_NO_DOMAIN');
  });

  it('no domain with implicit or explicit default options: no conflict, keeps its name', () => {
    const out = resolve(router('a@file', ['ep-a'], 'PathPrefix(`/foo`)', {}), router('b@file', ['ep-a'], 'PathPrefix(`/bar`)', { options: 'default' }));
    expect(summary(out.routers)).toEqual({ 'a@file': ['default', 'ep-a'], 'b@file': ['default', 'ep-a'] });
  });

  it('plaintext routers and routers whose rule did not parse take no part; the configs are not mutated', () => {
    const plain = router('plain@file', ['ep-a'], 'Host(`example.com`)', undefined);
    const unparsed = { ...router('bad@file', ['ep-a'], 'Host(`example.com`)', { options: 'optsZ' }), parsed: undefined, status: 'disabled' as const };
    const a = router('a@file', ['ep-a'], 'Host(`example.com`)', { options: 'optsA' });
    const b = router('b@file', ['ep-a'], 'Host(`example.com`)', { options: 'optsB' });
    const before = JSON.stringify([plain.config, a.config, b.config]);
    const out = resolve(plain, unparsed, a, b);
    expect(Object.keys(out.routers).sort()).toEqual(['bad@file', 'ep-a-conflicted-a@file', 'ep-a-conflicted-b@file', 'plain@file']);
    expect(out.routers['plain@file']).toBe(plain);
    expect(out.routers['bad@file']?.tlsOptions).toBe('optsZ@file');
    // the router memo shares configs with the next generation
    expect(JSON.stringify([plain.config, a.config, b.config])).toBe(before);
    expect([a.using, a.errors, a.status]).toEqual([['ep-a'], [], 'enabled']);
  });
});
