import { describe, expect, it, vi } from 'vitest';
import { scriptedProber, servers, tally, tallyUnderLoad, useBalancers } from '../fixtures/balancer-fixtures.js';
import { builtinStrategies } from './registry.js';

const WAIT = { timeout: 5000 };

/** The contract every strategy in the registry must meet (Hono `common.case.test.ts` style). */
describe.each(builtinStrategies.map((s) => [s.name]))('strategy contract: %s', (strategy) => {
  const make = useBalancers();
  const req = (i: number) => ({ clientIP: `192.168.${(i >> 8) & 255}.${i & 255}` });

  it('never picks a server with weight 0', () => {
    const { lb } = make({ strategy, servers: servers(0, 1, 0, 2) });
    const counts = tally(lb, 500, req);
    expect(counts.has('http://10.0.0.1:8080')).toBe(false);
    expect(counts.has('http://10.0.0.3:8080')).toBe(false);
    expect(counts.has('none')).toBe(false);
  });

  it('avoids excluded servers while others remain, then falls back to them', () => {
    const { lb } = make({ strategy, servers: servers(1, 1, 1) });
    const exclude = new Set(['http://10.0.0.1:8080', 'http://10.0.0.2:8080']);
    const counts = tally(lb, 200, (i) => ({ ...req(i), exclude }));
    expect([...counts.keys()]).toEqual(['http://10.0.0.3:8080']);
    const all = new Set(servers(1, 1, 1).map((s) => s.url));
    expect(lb.pick({ clientIP: '1.2.3.4', exclude: all })).toBeDefined();
  });

  it('never picks a DOWN server while others are UP', async () => {
    const prober = scriptedProber((url) => url !== 'http://10.0.0.2:8080');
    const { lb } = make({ strategy, servers: servers(1, 1, 1), healthCheck: { interval: '1h' } }, { prober });
    await vi.waitFor(() => expect(lb.servers().map((s) => s.state)).toEqual(['UP', 'DOWN', 'UP']), WAIT);
    const counts = tally(lb, 300, req);
    expect(counts.has('http://10.0.0.2:8080')).toBe(false);
    expect(counts.has('none')).toBe(false);
  });

  it('returns undefined when no server can be picked', async () => {
    expect(make({ strategy, servers: [] }).lb.pick(req(1))).toBeUndefined();
    expect(make({ strategy, servers: servers(0, 0) }).lb.pick(req(1))).toBeUndefined();
    const prober = scriptedProber(() => false);
    const { lb } = make({ strategy, servers: servers(1, 1), healthCheck: { interval: '1h' } }, { prober });
    await vi.waitFor(() => expect(prober.calls).toBeGreaterThanOrEqual(2), WAIT);
    expect(lb.pick(req(1))).toBeUndefined();
    expect(lb.peek(req(1))).toBeUndefined();
  });

  it('spreads traffic roughly by weight under load', () => {
    const { lb } = make({ strategy, servers: servers(1, 2, 3) });
    const n = 6000;
    const counts = tallyUnderLoad(lb, n, 12, req);
    for (const [i, weight] of [1, 2, 3].entries()) {
      const share = (counts.get(`http://10.0.0.${i + 1}:8080`) ?? 0) / n;
      expect(share).toBeGreaterThan((weight / 6) * 0.75);
      expect(share).toBeLessThan((weight / 6) * 1.25);
    }
  });

  it('peek names an available server and does not consume a pick', () => {
    const { lb } = make({ strategy, servers: servers(1, 1, 0) });
    const first = lb.peek(req(7));
    expect(first).toBeDefined();
    expect(first?.url).not.toBe('http://10.0.0.3:8080');
    expect(lb.peek(req(7))).toEqual(first);
  });
});
