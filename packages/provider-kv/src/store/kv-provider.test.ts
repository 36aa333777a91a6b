import { describe, expect, it } from 'vitest';
import type { KvPair } from '../codec/kv-pair.js';
import { unavailable } from '../errors.js';
import { run } from '../testing/collect.js';
import { createKvProvider } from './kv-provider.js';
import type { KvSession, KvWatchSink } from './kv-session.js';

/** An in-memory store behind the session interface: writes notify the watcher like a real one. */
function memoryStore() {
  const data = new Map<string, string>();
  let sink: KvWatchSink = { changes: () => undefined, resync: () => undefined };
  let lose: (err: unknown) => void = () => undefined;
  let lists = 0;
  let closed = 0;
  const session = (): KvSession => {
    const lost = new Promise<never>((_, reject) => (lose = reject));
    lost.catch(() => undefined);
    return {
      label: 'memory',
      lost,
      list: async () => {
        lists++;
        return [...data].map(([key, value]) => ({ key, value }));
      },
      watch: async (s) => {
        sink = s;
      },
      diagnostics: () => [],
      write: async (put: readonly KvPair[], remove: readonly string[]) => {
        for (const p of put) data.set(p.key, p.value);
        for (const k of remove) data.delete(k);
        sink.changes([...put.map((p) => ({ kind: 'put' as const, ...p })), ...remove.map((key) => ({ kind: 'delete' as const, key }))]);
      },
      close: async () => {
        closed++;
      },
    };
  };
  return {
    data,
    session,
    set: (k: string, v: string) => { data.set(k, v); sink.changes([{ kind: 'put', key: k, value: v }]); },
    /** a change the watch never reported (Redis FLUSHDB): only a listing shows it */
    silently: (change: () => void) => change(),
    resync: () => sink.resync('test'),
    lose: () => lose(unavailable('memory', new Error('gone'))), stats: () => ({ lists, closed }) };
}

describe('createKvProvider (the loop shared by etcd and redis)', () => {
  it('emits the full tree first, then one snapshot per change; an unchanged listing emits nothing', async () => {
    const store = memoryStore();
    store.data.set('traefik/http/routers/a/rule', 'Path(`/a`)');
    const provider = run(createKvProvider({ name: 'etcd', rootKey: 'traefik', open: async () => store.session() }, { quietMs: 1, maxWaitMs: 5 }));
    await provider.until((s) => s.config.http.routers.a !== undefined);
    store.set('traefik/http/routers/b/rule', 'Path(`/b`)');
    await provider.until((s) => s.config.http.routers.b !== undefined);
    const before = provider.snapshots.length;
    store.set('traefik/http/routers/b/rule', 'Path(`/b`)'); // a no-op write
    store.resync();
    await new Promise((r) => setTimeout(r, 30));
    expect(store.stats().lists).toBe(2); // the first listing and the resync: changes alone list nothing
    expect(provider.snapshots.length).toBe(before);
    expect(await provider.stop()).toBe('returned');
    expect(store.stats().closed).toBe(1);
  });

  it('a resync shows what the watch missed: changed values and deletions', async () => {
    const store = memoryStore();
    store.data.set('traefik/http/routers/a/rule', 'Path(`/a`)');
    store.data.set('traefik/http/routers/b/rule', 'Path(`/b`)');
    const provider = run(createKvProvider({ name: 'redis', rootKey: 'traefik', open: async () => store.session() }, { quietMs: 1, maxWaitMs: 5 }));
    await provider.until((s) => s.config.http.routers.b !== undefined);
    store.silently(() => {
      store.data.delete('traefik/http/routers/b/rule');
      store.data.set('traefik/http/routers/a/rule', 'Path(`/a2`)');
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(provider.snapshots.at(-1)!.config.http.routers.b).toBeDefined(); // not seen yet
    store.resync();
    const s = await provider.until((x) => x.config.http.routers.b === undefined);
    expect(s.config.http.routers).toEqual({ a: { rule: 'Path(`/a2`)' } });
    await provider.stop();
  });

  it('rejects with the coded error when the session is lost, and closes it', async () => {
    const store = memoryStore();
    const provider = run(createKvProvider({ name: 'redis', rootKey: 'traefik', open: async () => store.session() }));
    await provider.until(() => true);
    store.lose();
    const outcome = (await provider.done) as Error & { code?: string };
    expect(outcome.code).toBe('WHARF_KV_UNAVAILABLE');
    expect(store.stats().closed).toBe(1);
  });

  it('leaves no abort listener behind across restarts on the same signal', async () => {
    const store = memoryStore();
    const provider = createKvProvider({ name: 'etcd', rootKey: 'traefik', open: async () => store.session() });
    const controller = new AbortController();
    let added = 0;
    let removed = 0;
    const { signal } = controller;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => (added++, add(...args))) as typeof add;
    signal.removeEventListener = ((...args: Parameters<typeof remove>) => (removed++, remove(...args))) as typeof remove;
    for (let i = 0; i < 3; i++) {
      const started = provider.start(() => undefined, signal);
      await new Promise((r) => setTimeout(r, 10));
      store.lose();
      await started.catch(() => undefined);
    }
    expect(added).toBe(3);
    expect(removed).toBe(3);
  });
});
