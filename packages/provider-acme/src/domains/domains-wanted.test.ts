import { describe, expect, it } from 'vitest';
import { domainsWanted, hostsOfRule } from './domains-wanted.js';
import { needsRenewal, retryDelayMs } from '../obtain/renewal.js';

describe('domains wanted', () => {
  it('takes the hosts of Host(...) matchers, not HostRegexp or HostSNI', () => {
    expect(hostsOfRule('Host(`A.example.com`, `b.example.com`) || (HostRegexp(`^x$`) && Host("c.test"))')).toEqual(['a.example.com', 'b.example.com', 'c.test']);
    expect(hostsOfRule('HostSNI(`x.test`) && Host(`bad host`)')).toEqual([]);
    expect(hostsOfRule('Host(`' + 'a'.repeat(5000) + '`)')).toEqual([]);
  });

  it('collects routers naming the resolver; tls.domains win over the rule; each set names the routers asking for it', () => {
    const routers = {
      a: { rule: 'Host(`app.test`)', tls: { certResolver: 'le' } },
      b: { rule: 'Host(`x.test`)', tls: { certResolver: 'le', domains: [{ main: 'main.test', sans: ['alt.test'] }] } },
      c: { rule: 'Host(`other.test`)', tls: { certResolver: 'other' } },
      d: { rule: 'Host(`app.test`)', tls: { certResolver: 'le' } },
    };
    expect(domainsWanted(routers, 'le')).toEqual([{ main: 'app.test', sans: [], routers: ['a', 'd'] }, { main: 'main.test', sans: ['alt.test'], routers: ['b'] }]);
  });
});

describe('renewal', () => {
  const day = 86_400_000;
  it('renews 90-day certificates 30 days before expiry', () => {
    const nb = new Date(0), na = new Date(90 * day);
    expect(needsRenewal(nb, na, new Date(59 * day), 2160)).toBe(false);
    expect(needsRenewal(nb, na, new Date(61 * day), 2160)).toBe(true);
  });
  it('renews short certificates a third of their lifetime before expiry', () => {
    const nb = new Date(0), na = new Date(3 * day);
    expect(needsRenewal(nb, na, new Date(1.9 * day), 2160)).toBe(false);
    expect(needsRenewal(nb, na, new Date(2.1 * day), 2160)).toBe(true);
  });
  it('backs off from 10 s to at most an hour', () => {
    expect([1, 2, 3].map(retryDelayMs)).toEqual([10_000, 20_000, 40_000]);
    expect(retryDelayMs(30)).toBe(3_600_000);
  });
});
