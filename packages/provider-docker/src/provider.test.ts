import type { ProviderSnapshot } from '@wharf/config';
import { afterEach, describe, expect, it } from 'vitest';
import { container } from './fixtures/containers.js';
import { FakeDockerSource } from './fixtures/fake-source.js';
import { createDockerProvider } from './provider.js';

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const serviceNames = (s: ProviderSnapshot | undefined) => Object.keys(s?.config.http.services ?? {}).sort();

describe('createDockerProvider (fake engine)', () => {
  const controller = new AbortController();
  afterEach(() => controller.abort());

  function start(source: FakeDockerSource, watch = true) {
    const snapshots: ProviderSnapshot[] = [];
    const ac = new AbortController();
    const provider = createDockerProvider({ watch }, { source, throttleMs: 10, backoff: { initialMs: 20, maxMs: 40 } });
    const done = provider.start((s) => snapshots.push(s), ac.signal);
    return { snapshots, ac, done, provider };
  }

  it('is named docker and emits one snapshot when watch=false', async () => {
    const source = new FakeDockerSource();
    source.containers = [container({ name: 'a' })];
    const { snapshots, done, provider } = start(source, false);
    await done;
    expect(provider.name).toBe('docker');
    expect(snapshots.map(serviceNames)).toEqual([['a']]);
    expect(source.subscribers).toBe(0);
  });

  it('re-lists on start events and resolves on abort', async () => {
    const source = new FakeDockerSource();
    source.containers = [container({ name: 'a' })];
    const { snapshots, ac, done } = start(source);
    await until(() => snapshots.length === 1 && source.subscribers === 1);
    const b = container({ name: 'b' });
    source.containers.push(b);
    source.emit({ action: 'start', id: b.id });
    await until(() => serviceNames(snapshots.at(-1)).length === 2);
    expect(serviceNames(snapshots.at(-1))).toEqual(['a', 'b']);
    ac.abort();
    await done;
  });

  it('drains a container at kill/stop, before it dies', async () => {
    const source = new FakeDockerSource();
    const a = container({ name: 'a' });
    source.containers = [a, container({ name: 'b' })];
    const { snapshots, ac, done } = start(source);
    await until(() => snapshots.length === 1 && source.subscribers === 1);
    const listsBefore = source.lists;
    source.emit({ action: 'kill', id: a.id, signal: '1' });
    source.emit({ action: 'kill', id: a.id, signal: '15' });
    await until(() => serviceNames(snapshots.at(-1)).length === 1);
    // the drained snapshot comes from the last listing, before any engine round trip
    expect(serviceNames(snapshots[1])).toEqual(['b']);
    await until(() => source.lists > listsBefore);
    expect(serviceNames(snapshots.at(-1))).toEqual(['b']);
    expect(snapshots.at(-1)?.diagnostics.map((d) => d.code)).toEqual(['DOCKER_CONTAINER_DRAINING']);
    source.containers[0]!.status = 'exited';
    source.emit({ action: 'die', id: a.id });
    source.containers[0]!.status = 'running';
    source.emit({ action: 'start', id: a.id });
    await until(() => serviceNames(snapshots.at(-1)).length === 2);
    ac.abort();
    await done;
  });

  it('keeps silent while the engine is away, then reconnects and resyncs', async () => {
    const source = new FakeDockerSource();
    source.containers = [container({ name: 'a' })];
    const { snapshots, ac, done } = start(source);
    await until(() => snapshots.length === 1 && source.subscribers === 1);
    source.down();
    const listsWhenDown = source.lists;
    await until(() => source.lists >= listsWhenDown + 0 && source.subscribers === 0);
    await new Promise((r) => setTimeout(r, 150));
    expect(snapshots).toHaveLength(1);
    source.containers.push(container({ name: 'c' }));
    source.up = true;
    await until(() => snapshots.length === 2);
    expect(serviceNames(snapshots[1])).toEqual(['a', 'c']);
    ac.abort();
    await done;
  });

  it('forgets drains it cannot confirm after a reconnect (an engine restart restarts the same container)', async () => {
    const source = new FakeDockerSource();
    const a = container({ name: 'a' });
    source.containers = [a];
    const { snapshots, ac, done } = start(source);
    await until(() => snapshots.length === 1 && source.subscribers === 1);
    source.emit({ action: 'stop', id: a.id });
    await until(() => serviceNames(snapshots.at(-1)).length === 0);
    source.down();
    await until(() => source.subscribers === 0);
    // the engine comes back having restarted `a` (restart: always) while we were away: no start event
    source.up = true;
    await until(() => serviceNames(snapshots.at(-1)).length === 1);
    expect(serviceNames(snapshots.at(-1))).toEqual(['a']);
    ac.abort();
    await done;
  });
});
