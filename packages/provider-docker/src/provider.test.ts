import type { ProviderSnapshot } from '@wharf/config';
import { afterEach, describe, expect, it } from 'vitest';
import { container } from './build/fixtures/containers.js';
import { FakeDockerSource } from './engine/fixtures/fake-source.js';
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
    const provider = createDockerProvider({ watch }, { source, throttleMs: 10, hostAddress: '127.0.0.1' });
    const done = provider.start((s) => snapshots.push(s), ac.signal);
    /** what the provider runner does after a rejection: start the same provider again */
    const restart = () => provider.start((s) => snapshots.push(s), ac.signal);
    return { snapshots, ac, done, provider, restart };
  }

  it('is named docker and emits one snapshot when watch=false, then waits for the abort', async () => {
    const source = new FakeDockerSource();
    source.containers = [container({ name: 'a' })];
    const { snapshots, ac, done, provider } = start(source, false);
    await until(() => snapshots.length === 1);
    let settled = false;
    void done.finally(() => { settled = true; });
    await new Promise((r) => setTimeout(r, 100));
    // resolving here would tell the runner the engine went away
    expect(settled).toBe(false);
    ac.abort();
    await done;
    expect(provider.name).toBe('docker');
    expect(snapshots.map(serviceNames)).toEqual([['a']]);
    expect(source.subscribers).toBe(0);
    expect(source.lists).toBe(1);
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

  it('rejects with WHARF_DOCKER_UNAVAILABLE when the engine goes away, emitting nothing more; a restart resyncs', async () => {
    const source = new FakeDockerSource();
    source.containers = [container({ name: 'a' })];
    const { snapshots, ac, done, restart } = start(source);
    await until(() => snapshots.length === 1 && source.subscribers === 1);
    source.down();
    await expect(done).rejects.toMatchObject({ code: 'WHARF_DOCKER_UNAVAILABLE', message: expect.stringContaining('fake://engine') });
    expect(source.subscribers).toBe(0);
    expect(snapshots).toHaveLength(1);
    // still away: a start fails fast with the same code (the runner backs off)
    await expect(restart()).rejects.toMatchObject({ code: 'WHARF_DOCKER_UNAVAILABLE' });
    source.containers.push(container({ name: 'c' }));
    source.up = true;
    const resumed = restart();
    await until(() => snapshots.length === 2 && source.subscribers === 1);
    expect(serviceNames(snapshots[1])).toEqual(['a', 'c']);
    // events resume on the new connection
    const d = container({ name: 'd' });
    source.containers.push(d);
    source.emit({ action: 'start', id: d.id });
    await until(() => serviceNames(snapshots.at(-1)).length === 3);
    ac.abort();
    await resumed;
  });

  it('rejects when the event stream ends without an error (the engine closed it)', async () => {
    const source = new FakeDockerSource();
    source.containers = [container({ name: 'a' })];
    const { snapshots, done } = start(source);
    await until(() => snapshots.length === 1 && source.subscribers === 1);
    source.endStreams();
    await expect(done).rejects.toMatchObject({ code: 'WHARF_DOCKER_UNAVAILABLE', message: expect.stringContaining('the event stream ended') });
  });

  it('forgets drains it cannot confirm after a reconnect (an engine restart restarts the same container)', async () => {
    const source = new FakeDockerSource();
    const a = container({ name: 'a' });
    source.containers = [a];
    const { snapshots, ac, done, restart } = start(source);
    await until(() => snapshots.length === 1 && source.subscribers === 1);
    source.emit({ action: 'stop', id: a.id });
    await until(() => serviceNames(snapshots.at(-1)).length === 0);
    source.down();
    await expect(done).rejects.toMatchObject({ code: 'WHARF_DOCKER_UNAVAILABLE' });
    // the engine comes back having restarted `a` (restart: always) while we were away: no start event
    source.up = true;
    const resumed = restart();
    await until(() => serviceNames(snapshots.at(-1)).length === 1);
    expect(serviceNames(snapshots.at(-1))).toEqual(['a']);
    ac.abort();
    await resumed;
  });
});
