import { describe, expect, it } from 'vitest';
import { servers, tally, useBalancers } from '../fixtures/balancer-fixtures.js';
import { createRandom } from '../random.js';
import { isWharfError } from '@wharf/config';
import { createLeastConnStrategy } from './leastconn/leastconn.js';
import { createP2cStrategy } from './p2c/p2c.js';
import { defaultStrategy, findStrategy, resolveStrategy } from './registry.js';
import type { BalancedServer } from './types.js';

const all = () => true;
const fake = (weights: number[]): Array<BalancedServer & { inFlight: number }> =>
  weights.map((weight, index) => ({ ref: { url: `http://s${index}`, weight }, index, inFlight: 0 }));

describe('leastconn', () => {
  it('picks the server with the fewest in-flight requests', () => {
    const list = fake([1, 1, 1]);
    list[0]!.inFlight = 3;
    list[1]!.inFlight = 1;
    list[2]!.inFlight = 2;
    const s = createLeastConnStrategy(list);
    expect(s.pick('', all)?.ref.url).toBe('http://s1');
  });

  it('is weight-aware: in-flight per weight', () => {
    const list = fake([4, 1]);
    list[0]!.inFlight = 3; // (3+1)/4 = 1
    list[1]!.inFlight = 1; // (1+1)/1 = 2
    expect(createLeastConnStrategy(list).pick('', all)?.ref.url).toBe('http://s0');
  });

  it('rotates round robin among equals', () => {
    const s = createLeastConnStrategy(fake([1, 1, 1]));
    const picks = Array.from({ length: 6 }, () => s.pick('', all)?.ref.url);
    expect(picks).toEqual(['http://s0', 'http://s1', 'http://s2', 'http://s0', 'http://s1', 'http://s2']);
  });

  it('peek does not advance the rotation', () => {
    const s = createLeastConnStrategy(fake([1, 1]));
    for (let i = 0; i < 4; i++) {
      const peeked = s.peek('', all);
      expect(s.peek('', all)).toBe(peeked);
      expect(s.pick('', all)).toBe(peeked);
    }
  });
});

describe('p2c', () => {
  it('the less loaded of the two choices wins', () => {
    const list = fake([1, 1]);
    list[0]!.inFlight = 5;
    const s = createP2cStrategy(list, { random: createRandom(5) });
    for (let i = 0; i < 50; i++) expect(s.pick('', all)?.ref.url).toBe('http://s1');
  });

  it('with one available server it returns that server', () => {
    const s = createP2cStrategy(fake([1, 1, 1]), { random: createRandom(5) });
    for (let i = 0; i < 20; i++) expect(s.pick('', (x) => x.index === 2)?.index).toBe(2);
  });

  it('uses both servers when loads are equal', () => {
    const s = createP2cStrategy(fake([1, 1, 1, 1]), { random: createRandom(11) });
    const seen = new Set(Array.from({ length: 200 }, () => s.pick('', all)?.index));
    expect(seen.size).toBe(4);
  });
});

describe('hrw', () => {
  const balancer = useBalancers();
  const make = (list: { url: string; weight: number }[]) => balancer({ strategy: 'hrw', servers: list }).lb;
  const ips = Array.from({ length: 2000 }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.7`);

  it('sends one client IP to the same server every time, across instances', () => {
    const a = make(servers(1, 1, 1, 1));
    const b = make(servers(1, 1, 1, 1));
    for (const ip of ips.slice(0, 100)) {
      const first = a.pick({ clientIP: ip })?.server.url;
      for (let i = 0; i < 5; i++) expect(a.pick({ clientIP: ip })?.server.url).toBe(first);
      expect(b.pick({ clientIP: ip })?.server.url).toBe(first);
    }
  });

  it('removing a server only moves the clients of that server', () => {
    const full = servers(1, 1, 1, 1);
    const before = make(full);
    const after = make(full.filter((s) => s.url !== 'http://10.0.0.3:8080'));
    let moved = 0;
    for (const ip of ips) {
      const was = before.pick({ clientIP: ip })?.server.url;
      const now = after.pick({ clientIP: ip })?.server.url;
      if (was === 'http://10.0.0.3:8080') moved++;
      else expect(now).toBe(was);
    }
    expect(moved).toBeGreaterThan(ips.length * 0.15);
    expect(moved).toBeLessThan(ips.length * 0.35);
  });

  it('spreads distinct clients across servers', () => {
    const counts = tally(make(servers(1, 1, 1, 1)), ips.length, (i) => ({ clientIP: ips[i] as string }));
    expect(counts.size).toBe(4);
    for (const c of counts.values()) expect(c).toBeGreaterThan(ips.length * 0.18);
  });

  it('ignores sticky cookies (it is sticky by itself)', () => {
    const b = balancer({ strategy: 'hrw', servers: servers(1, 1), sticky: { cookie: {} } });
    expect(b.lb.pick({ clientIP: '1.1.1.1' })?.setCookie).toBeUndefined();
  });
});

describe('registry', () => {
  it('resolves the default and rejects unknown names with a coded error', () => {
    expect(resolveStrategy(undefined).name).toBe('wrr');
    let caught: unknown;
    try {
      resolveStrategy('random');
    } catch (err) {
      caught = err;
    }
    expect(isWharfError(caught, 'WHARF_LB_UNKNOWN_STRATEGY')).toBe(true);
  });

  it('finds names case-insensitively, the default for no name, nothing for unknown names', () => {
    expect(findStrategy(' P2C ')?.name).toBe('p2c');
    expect(findStrategy('LeastConn')?.name).toBe('leastconn');
    expect(findStrategy(undefined)?.name).toBe(defaultStrategy);
    expect(defaultStrategy).toBe('wrr');
    expect(findStrategy('random')).toBeUndefined();
    expect(resolveStrategy('HRW').name).toBe('hrw');
  });
});
