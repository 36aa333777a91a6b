import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecordingBackend, type RecordingBackend } from './reliability/backends.js';
import { startTestWharf, type TestWharf } from './testing/harness.js';

/** `strategy: leasttime` (Traefik v3.7) over real sockets: time to first byte steers the traffic. */
describe('leasttime on a running wharf', () => {
  let t: TestWharf;
  let fast: RecordingBackend;
  let slow: RecordingBackend;
  beforeAll(async () => {
    [fast, slow] = await Promise.all([startRecordingBackend('fast'), startRecordingBackend('slow', 'slow', 40)]);
    t = await startTestWharf({
      http: {
        routers: { r: { rule: 'PathPrefix(`/`)', service: 's' } },
        services: { s: { loadBalancer: { strategy: 'leasttime', servers: [{ url: slow.url }, { url: fast.url }] } } },
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([fast?.kill(), slow?.kill()]);
  });

  it('once both have answered, the server that answers 40 ms later gets (almost) nothing', async () => {
    for (let i = 0; i < 30; i++) expect((await fetch(`${t.url()}/n${i}`)).status).toBe(200);
    expect(slow.seen.length).toBeLessThanOrEqual(2);
    expect(fast.seen.length).toBeGreaterThanOrEqual(28);
    const service = (await (await fetch(`${t.apiURL()}/api/http/services/s@file`)).json()) as { loadBalancer?: { strategy?: string } };
    expect(service.loadBalancer?.strategy).toBe('leasttime');
  });
});
