import { isWharfError } from '@wharf/config';
import { describe, expect, it } from 'vitest';
import { servers, useBalancers } from './fixtures/balancer-fixtures.js';
import type { CreateLoadBalancer } from './types.js';
import { createLoadBalancer } from './load-balancer.js';

const make = useBalancers();
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return isWharfError(err) ? err.code : 'not a WharfError';
  }
  return 'no error';
};

describe('createLoadBalancer', () => {
  it('matches the CreateLoadBalancer seam', () => {
    const seam: CreateLoadBalancer = createLoadBalancer;
    expect(typeof seam).toBe('function');
  });

  it('rejects invalid server URLs with a coded error', () => {
    expect(codeOf(() => make({ servers: [{ url: 'not a url' }] }))).toBe('WHARF_LB_INVALID_SERVER_URL');
    expect(codeOf(() => make({ servers: [{ url: 'ftp://10.0.0.1' }] }))).toBe('WHARF_LB_INVALID_SERVER_URL');
    expect(codeOf(() => make({ servers: [{ url: 'http://ok:80' }], strategy: 'nope' as never }))).toBe(
      'WHARF_LB_UNKNOWN_STRATEGY',
    );
    expect(codeOf(() => make({ servers: servers(1), healthCheck: { interval: 'soon' } }))).toBe('WHARF_CONFIG_BAD_DURATION');
  });

  it('defaults weight to 1, lists weight-0 servers and keeps the first of duplicate URLs', () => {
    const { lb } = make({
      servers: [{ url: 'http://a:80' }, { url: 'http://b:80', weight: 0 }, { url: 'http://a:80', weight: 5 }],
    });
    expect(lb.servers()).toEqual([
      { url: 'http://a:80', state: 'UP' },
      { url: 'http://b:80', state: 'UP' },
    ]);
    const picks = new Set(Array.from({ length: 10 }, () => lb.pick({ clientIP: '1.1.1.1' })?.server));
    expect([...picks].map((s) => s?.url)).toEqual(['http://a:80']);
    expect([...picks][0]?.weight).toBe(1);
  });

  it('with no servers, pick and peek return undefined', () => {
    const { lb } = make({});
    expect(lb.pick({ clientIP: '1.1.1.1' })).toBeUndefined();
    expect(lb.peek({ clientIP: '1.1.1.1' })).toBeUndefined();
    expect(lb.servers()).toEqual([]);
  });

  it('in-flight accounting steers leastconn and tolerates unknown or unbalanced ends', () => {
    const { lb } = make({ strategy: 'leastconn', servers: servers(1, 1) });
    const busy = lb.pick({ clientIP: '1.1.1.1' })?.server;
    if (busy === undefined) throw new Error('no pick');
    lb.onAttemptStart(busy);
    lb.onAttemptStart(busy);
    for (let i = 0; i < 5; i++) expect(lb.pick({ clientIP: '1.1.1.1' })?.server.url).not.toBe(busy.url);
    lb.onAttemptEnd(busy, { networkError: false, status: 200 });
    lb.onAttemptEnd(busy, { networkError: false, status: 200 });
    lb.onAttemptEnd(busy, { networkError: false, status: 200 });
    lb.onAttemptEnd({ url: 'http://unknown', weight: 1 }, { networkError: true });
    const seen = new Set(Array.from({ length: 4 }, () => lb.pick({ clientIP: '1.1.1.1' })?.server.url));
    expect(seen.size).toBe(2);
  });

  it('accepts a ServerRef copy (matched by URL) in the attempt hooks', () => {
    const { lb } = make({ strategy: 'leastconn', servers: servers(1, 1) });
    const copy = { url: 'http://10.0.0.1:8080', weight: 1 };
    lb.onAttemptStart(copy);
    expect(lb.pick({ clientIP: '1.1.1.1' })?.server.url).toBe('http://10.0.0.2:8080');
  });

  it('two instances built from the same config pick in the same order with the same seed', () => {
    const order = (seed: number) => {
      const { lb } = make({ servers: servers(1, 1, 1, 1) }, { seed });
      return Array.from({ length: 8 }, () => lb.pick({ clientIP: '1.1.1.1' })?.server.url).join();
    };
    expect(order(5)).toBe(order(5));
  });
});
