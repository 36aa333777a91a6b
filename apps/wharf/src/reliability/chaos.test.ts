import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { simpleConfig, startTestWharf, type TestWharf } from '../testing/harness.js';
import { startRecordingBackend, type RecordingBackend } from './backends.js';
import { loadLoop } from './load-loop.js';

let t: TestWharf | undefined;
let backends: RecordingBackend[] = [];

afterEach(async () => {
  await t?.close();
  await Promise.all(backends.map((b) => b.kill()));
  t = undefined;
  backends = [];
});

async function closedPortURL(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

// No retry middleware and no health check: what keeps every GET answered is the load balancer's
// connect-failure redispatch (runtime services/load-balancer/redispatch.ts).
describe('chaos under load (no retry middleware, no health check)', () => {
  it('one of 3 servers killed mid-run: 0 failed GETs', async () => {
    backends = [await startRecordingBackend('b1'), await startRecordingBackend('b2'), await startRecordingBackend('b3')];
    t = await startTestWharf(simpleConfig(backends.map((b) => b.url)));
    const total = 1500;
    let killedAt = -1;
    const victim = backends[1]!;
    const result = await loadLoop({
      port: t.wharf.addresses.web!.port,
      total,
      concurrency: 16,
      during: async (done) => {
        if (killedAt < 0 && done >= total / 3) {
          killedAt = done;
          await victim.kill();
        }
      },
    });
    expect(result.failures).toEqual([]);
    expect(result.ok).toBe(total);
    expect(killedAt).toBeGreaterThan(0);
    expect(result.byBackend.b2).toBeGreaterThan(0); // it served before it died
    expect((result.byBackend.b1 ?? 0) + (result.byBackend.b3 ?? 0)).toBeGreaterThan(total / 2);
  }, 60_000);

  it('servers that do not accept yet (a scale-up before the port is open): 0 failed requests, POST included', async () => {
    backends = [await startRecordingBackend('b1')];
    const notYet = [await closedPortURL(), await closedPortURL()];
    t = await startTestWharf(simpleConfig([...notYet, backends[0]!.url]));
    const result = await loadLoop({ port: t.wharf.addresses.web!.port, total: 300, concurrency: 8 });
    expect(result.failures).toEqual([]);
    const post = await fetch(`${t.url()}/form`, { method: 'POST', body: 'a=1' });
    expect(post.status).toBe(200);
    await post.arrayBuffer();
  }, 60_000);
});
