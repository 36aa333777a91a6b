import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WhoamiServer } from '@wharf/whoami';
import { startBackends, startTestWharf, type TestWharf } from '../testing/harness.js';

/**
 * Hostile-input corpus: regexps that backtrack (ReDoS). A router whose rule is the textbook
 * catastrophic pattern `^/re/(a+)+$` receives 10 KB paths while another client keeps using
 * another router. Rule regexps run on RE2 (linear time), so each hostile request costs
 * milliseconds and the other client never waits. With the old backtracking translation, 29
 * characters froze every entrypoint and the API for seconds and each extra character doubled
 * it: a 10 KB path would never have answered, and neither would anyone else.
 */
const HOSTILE = 20;
const KB10 = 10 * 1024;
/** loose on purpose (shared, loaded machine); what it must catch is seconds to forever */
const OTHER_CLIENT_BOUND_MS = 1_000;

function get(url: string): Promise<{ status: number; ms: number }> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    request(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - start }));
    }).on('error', reject).end();
  });
}

describe('hostile input: ReDoS through a running wharf', () => {
  let backends: WhoamiServer[];
  let t: TestWharf;

  beforeAll(async () => {
    backends = await startBackends(2);
    t = await startTestWharf({
      http: {
        routers: {
          re: { rule: 'PathRegexp(`^/re/(a+)+$`)', service: 're' },
          other: { rule: 'PathPrefix(`/other`)', service: 'other' },
        },
        services: {
          re: { loadBalancer: { servers: [{ url: backends[0]!.url }] } },
          other: { loadBalancer: { servers: [{ url: backends[1]!.url }] } },
        },
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all((backends ?? []).map((b) => b.close()));
  });

  it('a pathological PathRegexp on 10 KB paths costs each request milliseconds and delays no one', async () => {
    const as = 'a'.repeat(KB10);
    const other: Array<{ status: number; ms: number }> = [];
    let hostileDone = false;
    const otherClient = (async () => {
      while (!hostileDone || other.length < 10) other.push(await get(`${t.url()}/other/ping`));
    })();

    const hostile: Array<{ status: number; ms: number }> = [];
    for (let i = 0; i < HOSTILE; i++) {
      // the worst case for a backtracking engine: a long run of `a` that fails at the very end
      hostile.push(await get(`${t.url()}/re/${as}!`));
      hostile.push(await get(`${t.url()}/re/${as}`));
    }
    hostileDone = true;
    await otherClient;

    expect(hostile.map((r) => r.status)).toEqual(Array.from({ length: HOSTILE }, () => [404, 200]).flat());
    expect(other.every((r) => r.status === 200)).toBe(true);
    const worstOther = Math.max(...other.map((r) => r.ms));
    const worstHostile = Math.max(...hostile.map((r) => r.ms));
    if (process.env.WHARF_REDOS_REPORT) {
      console.log(`hostile: ${hostile.length} requests, worst ${worstHostile.toFixed(1)} ms; other client: ${other.length} requests, worst ${worstOther.toFixed(1)} ms`);
    }
    expect(worstOther).toBeLessThan(OTHER_CLIENT_BOUND_MS);
    expect(worstHostile).toBeLessThan(OTHER_CLIENT_BOUND_MS);
  });
});
