import { describe, expect, it } from 'vitest';
import { useBalancers } from '../../fixtures/balancer-fixtures.js';
import type { BalancedServer } from '../types.js';
import { createLeastTimeStrategy, LEASTTIME_SAMPLES } from './leasttime.js';

type Server = BalancedServer & { inFlight: number };
const make = (...weights: number[]): Server[] => weights.map((weight, index) => ({ ref: { url: `http://s${index}`, weight }, index, inFlight: 0 }));
const all = () => true;
const names = (picks: Array<BalancedServer | undefined>) => picks.map((s) => s?.ref.url.slice(7));

describe('leasttime strategy (Traefik v3.7)', () => {
  it('before any response time: weighted round robin (every score is 0, the tie goes by deadline)', () => {
    const servers = make(1, 2);
    const lt = createLeastTimeStrategy(servers);
    const picks = names(Array.from({ length: 300 }, () => lt.pick('', all)));
    const share = picks.filter((n) => n === 's1').length;
    expect(share).toBeGreaterThanOrEqual(199);
    expect(share).toBeLessThanOrEqual(201);
    expect(names(Array.from({ length: 3 }, () => createLeastTimeStrategy(make(1, 1, 1)).pick('', all)))).toEqual(['s0', 's0', 's0']);
    // Traefik's EDF start (deadlines 1, 2, 3) gives s0, s0, s1, s0, s1, s2, then plain rotation
    const rr = createLeastTimeStrategy(make(1, 1, 1));
    expect(names(Array.from({ length: 9 }, () => rr.pick('', all)))).toEqual(['s0', 's0', 's1', 's0', 's1', 's2', 's0', 's1', 's2']);
  });

  it('the fastest average answer wins; a server without samples (score 0) is tried first', () => {
    const [a, b, c] = make(1, 1, 1);
    const lt = createLeastTimeStrategy([a!, b!, c!]);
    lt.observe(a!, 10);
    lt.observe(b!, 2);
    expect(names([lt.pick('', all)])).toEqual(['s2']);
    lt.observe(c!, 30);
    expect(names(Array.from({ length: 5 }, () => lt.pick('', all)))).toEqual(['s1', 's1', 's1', 's1', 's1']);
  });

  it('score = average × (1 + in flight) / weight', () => {
    const [a, b] = make(1, 1);
    const lt = createLeastTimeStrategy([a!, b!]);
    lt.observe(a!, 2);
    lt.observe(b!, 1);
    b!.inFlight = 3; // 1 × 4 = 4 against 2 × 1
    expect(lt.pick('', all)?.ref.url).toBe('http://s0');
    b!.inFlight = 0;
    expect(lt.pick('', all)?.ref.url).toBe('http://s1');
    const [heavy, light] = make(4, 1);
    const weighted = createLeastTimeStrategy([heavy!, light!]);
    weighted.observe(heavy!, 4); // 4 / 4 = 1
    weighted.observe(light!, 2); // 2 / 1 = 2
    expect(weighted.pick('', all)?.ref.url).toBe('http://s0');
  });

  it(`averages the last ${LEASTTIME_SAMPLES} answers only: a server that got fast wins again`, () => {
    const [a, b] = make(1, 1);
    const lt = createLeastTimeStrategy([a!, b!]);
    for (let i = 0; i < LEASTTIME_SAMPLES; i++) lt.observe(a!, 50);
    lt.observe(b!, 5);
    expect(lt.pick('', all)?.ref.url).toBe('http://s1');
    // 99 fast answers push 99 of the slow ones out: (99 × 1 + 50) / 100 = 1.49, below b's 5
    for (let i = 0; i < LEASTTIME_SAMPLES - 1; i++) lt.observe(a!, 1);
    expect(lt.pick('', all)?.ref.url).toBe('http://s0');
  });

  it('skips servers the filter refuses; peek has no side effect; bad samples are ignored', () => {
    const [a, b] = make(1, 1);
    const lt = createLeastTimeStrategy([a!, b!]);
    expect(lt.pick('', (s) => s !== a)?.ref.url).toBe('http://s1');
    expect(lt.pick('', () => false)).toBeUndefined();
    expect(names([lt.peek('', all), lt.peek('', all), lt.peek('', all)])).toEqual(['s0', 's0', 's0']);
    lt.observe(a!, Number.NaN);
    lt.observe(a!, -5);
    lt.observe(b!, 3);
    expect(lt.pick('', all)?.ref.url).toBe('http://s0');
  });
});

describe('leasttime through the balancer', () => {
  const build = useBalancers();
  it('onResponseHead exists only for leasttime, and steers picks away from a slow server', () => {
    expect(build({ servers: [{ url: 'http://a' }] }).lb.onResponseHead).toBeUndefined();
    const { lb } = build({ strategy: 'leasttime', servers: [{ url: 'http://fast' }, { url: 'http://slow' }] });
    const seen: string[] = [];
    for (let i = 0; i < 20; i++) {
      const pick = lb.pick({ clientIP: '10.0.0.1' })!;
      seen.push(pick.server.url);
      lb.onAttemptStart(pick.server);
      lb.onResponseHead!(pick.server, pick.server.url === 'http://slow' ? 80 : 2);
      lb.onAttemptEnd(pick.server, { networkError: false, status: 200 });
    }
    expect(seen.slice(0, 2)).toEqual(['http://fast', 'http://slow']);
    expect(seen.slice(2).every((u) => u === 'http://fast')).toBe(true);
  });
});
