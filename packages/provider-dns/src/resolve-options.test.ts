import { decodeWithSchema } from '@wharf/config';
import { describe, expect, it } from 'vitest';
import { hostnameProblem, queryTypeOf } from './hostname.js';
import { DnsProviderOptionsSchema, MAX_SLOTS } from './options.js';
import { resolveDnsOptions } from './resolve-options.js';
import { nameserversOfResolvConf, parseNameserver } from './resolver-address.js';

/** The issue's YAML, as the static configuration loader hands it over (strings from YAML/flags). */
const ISSUE_OPTIONS = {
  resolvers: ['127.0.0.11:53'],
  resolveRetries: '3',
  timeout: '1s',
  hold: { valid: '10s', obsolete: '0s', nx: '30s', refused: '30s', timeout: '30s', other: '30s' },
  services: {
    whoami: {
      name: 'whoami', port: '80', slots: 6, interval: '5s',
      loadBalancer: { strategy: 'p2c', sticky: { cookie: { name: 's' } }, healthCheck: { path: '/health', interval: '2s' } },
    },
    web: { name: '_http._tcp.whoami' },
  },
};

describe('providers.dns options', () => {
  it('the issue\'s YAML passes the static schema and resolves to milliseconds', () => {
    const decoded = decodeWithSchema(DnsProviderOptionsSchema, ISSUE_OPTIONS);
    expect(decoded.issues).toEqual([]);
    const { options, diagnostics } = resolveDnsOptions(decoded.value);
    expect(diagnostics).toEqual([]);
    expect(options.resolvers?.map((r) => r.server)).toEqual(['127.0.0.11:53']);
    expect(options).toMatchObject({ resolveRetries: 3, timeoutMs: 1000, hold: { valid: 10_000, obsolete: 0, nx: 30_000, refused: 30_000, timeout: 30_000, other: 30_000 } });
    expect(options.services).toEqual([
      { service: 'whoami', name: 'whoami', type: 'A/AAAA', protocol: 'http', port: 80, slots: 6, intervalMs: 5000,
        loadBalancer: { strategy: 'p2c', sticky: { cookie: { name: 's' } }, healthCheck: { path: '/health', interval: '2s' } } },
      { service: 'web', name: '_http._tcp.whoami', type: 'SRV', protocol: 'http', port: 0, slots: MAX_SLOTS, intervalMs: 5000, loadBalancer: {} },
    ]);
  });

  it('defaults: resolv.conf nameservers, 3 retries, 1s, HAProxy holds, no service', () => {
    const { options, diagnostics } = resolveDnsOptions(true);
    expect(diagnostics).toEqual([]);
    expect(options).toEqual({ resolveRetries: 3, timeoutMs: 1000, hold: { valid: 10_000, obsolete: 0, nx: 30_000, refused: 30_000, timeout: 30_000, other: 30_000 }, services: [] });
  });

  it('a bad global option falls back to its default and names the key', () => {
    const { options, diagnostics } = resolveDnsOptions({ timeout: 'soon', hold: { nx: '5s', obsolet: '1s' }, resolveRetries: 0 });
    expect(options.timeoutMs).toBe(1000);
    expect(options.resolveRetries).toBe(3);
    expect(options.hold.nx).toBe(5000);
    expect(diagnostics.map((d) => [d.code, d.key, d.suggestion])).toEqual(expect.arrayContaining([
      ['WHARF_DNS_OPTIONS', 'providers.dns.timeout', undefined],
      ['WHARF_DNS_OPTIONS', 'providers.dns.hold.obsolet', 'obsolete'],
      ['WHARF_DNS_OPTIONS', 'providers.dns.resolveRetries', undefined],
    ]));
  });

  it('a bad service is skipped with a diagnostic naming its key; the others stay', () => {
    const { options, diagnostics } = resolveDnsOptions({
      services: {
        good: { name: 'whoami', port: 80 },
        badName: { name: 'who ami', port: 80 },
        ip: { name: '10.0.0.1', port: 80 },
        noPort: { name: 'whoami' },
        typo: { name: 'whoami', port: 80, slot: 3 },
        fast: { name: 'whoami', port: 80, interval: '1ms' },
        'a@b': { name: 'whoami', port: 80 },
        srvPort: { name: '_http._tcp.whoami', port: 80 },
      },
    });
    expect(options.services.map((s) => s.service)).toEqual(['good', 'srvPort']);
    expect(diagnostics.map((d) => [d.code, d.key, d.severity])).toEqual([
      ['WHARF_DNS_BAD_NAME', 'providers.dns.services.badName.name', 'error'],
      ['WHARF_DNS_BAD_NAME', 'providers.dns.services.ip.name', 'error'],
      ['WHARF_DNS_OPTIONS', 'providers.dns.services.noPort.port', 'error'],
      ['WHARF_DNS_OPTIONS', 'providers.dns.services.typo.slot', 'error'],
      ['WHARF_DNS_OPTIONS', 'providers.dns.services.fast.interval', 'error'],
      ['WHARF_DNS_OPTIONS', 'providers.dns.services.a@b', 'error'],
      ['WHARF_DNS_OPTIONS', 'providers.dns.services.srvPort.port', 'warning'],
    ]);
    expect(diagnostics[3]?.suggestion).toBe('slots');
    expect(diagnostics[0]?.element).toEqual({ kind: 'service', name: 'badName' });
  });

  it('loadBalancer takes every option but servers (DNS fills them)', () => {
    const { options, diagnostics } = resolveDnsOptions({ services: { web: { name: 'web', port: 80, loadBalancer: { passHostHeader: false, servers: [{ url: 'http://x' }] } } } });
    expect(options.services).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.key])).toEqual([['WHARF_DNS_OPTIONS', 'providers.dns.services.web.loadBalancer.servers']]);
  });

  it('drops nameservers that are not IP[:port], keeps the rest once', () => {
    const { options, diagnostics } = resolveDnsOptions({ resolvers: ['127.0.0.1', 'dns.google:53', '[::1]:5353', '127.0.0.1:53', '::1', '10.0.0.1:99999'] });
    expect(options.resolvers?.map((r) => r.server)).toEqual(['127.0.0.1:53', '[::1]:5353', '[::1]:53']);
    expect(diagnostics.map((d) => d.key)).toEqual(['providers.dns.resolvers[1]', 'providers.dns.resolvers[5]']);
  });
});

describe('names and nameservers', () => {
  it.each([
    ['whoami', undefined], ['whoami.', undefined], ['my_app-1.example.com', undefined], ['_http._tcp.whoami', undefined],
    ['', 'is empty'], ['a..b', 'empty label'], ['-a.b', 'invalid label'], ['a'.repeat(64), '64 characters'],
    [`${'a.'.repeat(127)}ab`, 'at most 253'], ['1.2.3.4', 'IP address'], ['_http.whoami', 'SRV name'], ['who ami', 'invalid label'],
  ])('%j → %s', (name, problem) => {
    if (problem === undefined) expect(hostnameProblem(name)).toBeUndefined();
    else expect(hostnameProblem(name)).toContain(problem);
  });

  it('a leading "_" makes an SRV query', () => {
    expect([queryTypeOf('_http._tcp.whoami'), queryTypeOf('whoami')]).toEqual(['SRV', 'A/AAAA']);
  });

  it('parses nameservers and resolv.conf', () => {
    expect(parseNameserver('[fd00::1]:53')).toMatchObject({ host: 'fd00::1', port: 53, server: '[fd00::1]:53' });
    expect(parseNameserver('[::1')).toContain('"["');
    expect(nameserversOfResolvConf('# c\nsearch x\nnameserver 127.0.0.11\nnameserver ::1 # six\n;nameserver 9.9.9.9\noptions ndots:0\n')).toEqual(['127.0.0.11', '::1']);
  });
});
