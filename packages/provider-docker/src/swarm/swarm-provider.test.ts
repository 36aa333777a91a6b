import { isWharfError, type ProviderSnapshot } from '@wharf/config';
import { describe, expect, it } from 'vitest';
import { FakeDockerSource } from '../engine/fixtures/fake-source.js';
import { DockerUnavailableError } from '../errors.js';
import { createSwarmProvider } from './swarm-provider.js';
import type { SwarmListing, SwarmSource } from './swarm-source.js';

function fakeManager(): SwarmSource & { replicas: number; starting: number; up: boolean; lists: number } {
  const m = {
    endpoint: 'fake://manager', replicas: 2, starting: 0, up: true, lists: 0,
    async list(): Promise<SwarmListing> {
      m.lists += 1;
      if (!m.up) throw DockerUnavailableError('fake://manager', 'gone');
      return {
        services: [{ ID: 's', Spec: { Name: 'web', Labels: { 'traefik.http.services.web.loadbalancer.server.port': '80' } } }],
        tasks: Array.from({ length: m.replicas }, (_, i) => ({
          ID: `t${i}`, ServiceID: 's', Slot: i + 1, DesiredState: 'running', Status: { State: i >= m.replicas - m.starting ? 'starting' : 'running' },
          NetworksAttachments: [{ Network: { ID: 'n', Spec: { Name: 'net' } }, Addresses: [`10.0.0.${i + 2}/24`] }],
        })),
        networks: new Map([['n', 'net']]),
      };
    },
  };
  return m;
}

const servers = (s: ProviderSnapshot | undefined) => s?.config.http.services['web']?.loadBalancer?.servers?.length;

describe('swarm provider', () => {
  it('polls every refreshSeconds, emits full snapshots, rejects with a coded error when the manager goes away', async () => {
    const manager = fakeManager();
    const snaps: ProviderSnapshot[] = [];
    const ac = new AbortController();
    const provider = createSwarmProvider({ refreshSeconds: '100ms' }, { source: manager });
    expect(provider.name).toBe('swarm');
    const done = provider.start((s) => snaps.push(s), ac.signal).then(() => 'returned', (e: unknown) => e);
    await new Promise((r) => setTimeout(r, 30));
    expect(servers(snaps.at(-1))).toBe(2);
    manager.replicas = 3;
    await waitUntil(() => servers(snaps.at(-1)) === 3, 400);
    manager.up = false;
    const err = await done;
    expect(isWharfError(err) && err.code).toBe('WHARF_DOCKER_UNAVAILABLE');
    expect(servers(snaps.at(-1))).toBe(3);
  });

  it('stops on abort (watch off: one listing, then waits)', async () => {
    const manager = fakeManager();
    const ac = new AbortController();
    const done = createSwarmProvider({ watch: false, refreshSeconds: '100ms' }, { source: manager }).start(() => undefined, ac.signal);
    await new Promise((r) => setTimeout(r, 250));
    expect(manager.lists).toBe(1);
    ac.abort();
    await expect(done).resolves.toBeUndefined();
  });

  it('re-lists at once (debounced) on service and task-container events, not only every refreshSeconds', async () => {
    const manager = fakeManager();
    const engine = new FakeDockerSource();
    const source: SwarmSource = { endpoint: manager.endpoint, list: () => manager.list(), events: (s) => engine.events(s) };
    const snaps: ProviderSnapshot[] = [];
    const ac = new AbortController();
    const done = createSwarmProvider({ refreshSeconds: '1h' }, { source, eventDebounceMs: 20 }).start((s) => snaps.push(s), ac.signal);
    await waitUntil(() => engine.subscribers === 1 && manager.lists === 2); // first listing + one after subscribing
    manager.replicas = 4;
    for (const action of ['update', 'start', 'start']) engine.emit({ action, id: 'x' });
    await waitUntil(() => servers(snaps.at(-1)) === 4);
    await new Promise((r) => setTimeout(r, 60));
    expect(manager.lists).toBe(3); // a burst of events is one re-list
    manager.replicas = 1;
    engine.emit({ action: 'die', id: 't2' });
    await waitUntil(() => servers(snaps.at(-1)) === 1);
    ac.abort();
    await expect(done).resolves.toBeUndefined();
    expect(engine.subscribers).toBe(0);
  });

  it('lists again shortly while a task is still starting after its event (the engine updates task state after the container event)', async () => {
    const manager = fakeManager();
    const engine = new FakeDockerSource();
    const source: SwarmSource = { endpoint: manager.endpoint, list: () => manager.list(), events: (s) => engine.events(s) };
    const snaps: ProviderSnapshot[] = [];
    const ac = new AbortController();
    const done = createSwarmProvider({ refreshSeconds: '1h' }, { source, eventDebounceMs: 10, settleMs: 30 }).start((s) => snaps.push(s), ac.signal);
    await waitUntil(() => engine.subscribers === 1 && manager.lists >= 2);
    manager.replicas = 3;
    manager.starting = 1;
    engine.emit({ action: 'start', id: 't2' });
    await waitUntil(() => manager.lists >= 4);
    expect(servers(snaps.at(-1))).toBe(2);
    manager.starting = 0; // running now, and the engine sends no event for it
    await waitUntil(() => servers(snaps.at(-1)) === 3);
    // a task stuck in starting is not listed for ever: the follow-ups stop after their budget
    manager.replicas = 4;
    manager.starting = 1;
    engine.emit({ action: 'start', id: 't3' });
    await new Promise((r) => setTimeout(r, 1_500)); // 20 follow-ups of 30 ms + 10 ms debounce, with room
    const settled = manager.lists;
    await new Promise((r) => setTimeout(r, 150));
    expect(manager.lists).toBe(settled);
    ac.abort();
    await expect(done).resolves.toBeUndefined();
  });

  it('a failed event stream falls back to polling and resubscribes; the provider stays up', async () => {
    const manager = fakeManager();
    const engine = new FakeDockerSource();
    const source: SwarmSource = { endpoint: manager.endpoint, list: () => manager.list(), events: (s) => engine.events(s) };
    const snaps: ProviderSnapshot[] = [];
    const ac = new AbortController();
    let settled = false;
    const done = createSwarmProvider({ refreshSeconds: '100ms' }, { source, eventDebounceMs: 10, eventRetryMs: 300 })
      .start((s) => snaps.push(s), ac.signal).finally(() => { settled = true; });
    await waitUntil(() => engine.subscribers === 1);
    engine.endStreams(); // the stream goes; lists still work
    engine.up = false; // resubscribing fails for a while
    manager.replicas = 5;
    await waitUntil(() => servers(snaps.at(-1)) === 5); // the polling fallback
    expect(engine.subscribers).toBe(0);
    expect(settled).toBe(false);
    engine.up = true;
    await waitUntil(() => engine.subscribers === 1, 3000);
    ac.abort();
    await expect(done).resolves.toBeUndefined();
  });
});

async function waitUntil(ok: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
