import { defineError, silentLogger, type EmitSnapshot, type ProviderState } from '@wharf/config';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runProvider } from './provider-runner.js';
import { ProviderStateCell } from './provider-state.js';

const SourceGone = defineError('WHARF_TEST_SOURCE_GONE', 503, (where: string) => `source at ${where} is unavailable`);
const snapshot = { config: { http: { routers: {}, services: {}, middlewares: {} } }, diagnostics: [] };

/** A provider the test scripts per start: each entry says what that start does. */
function scripted(steps: Array<(emit: EmitSnapshot, signal: AbortSignal) => Promise<void>>) {
  const startedAt: number[] = [];
  const provider = {
    name: 'test',
    start(emit: EmitSnapshot, signal: AbortSignal) {
      startedAt.push(Date.now());
      const step = steps[Math.min(startedAt.length - 1, steps.length - 1)]!;
      return step(emit, signal);
    },
  };
  return { provider, startedAt };
}

const failNow = async () => { throw SourceGone('tcp://engine'); };
const emitThenFailAfter = (ms: number) => async (emit: EmitSnapshot) => {
  emit(snapshot);
  await new Promise((r) => setTimeout(r, ms));
  throw SourceGone('tcp://engine');
};
const emitAndWait = async (emit: EmitSnapshot, signal: AbortSignal) => {
  emit(snapshot);
  await new Promise((r) => signal.addEventListener('abort', r, { once: true }));
};

function start(steps: Parameters<typeof scripted>[0], logger = silentLogger) {
  const { provider, startedAt } = scripted(steps);
  const ac = new AbortController();
  const changes: ProviderState[] = [];
  const state = new ProviderStateCell('test', (s) => changes.push(s));
  const emitted: unknown[] = [];
  const initial = state.get();
  const done = runProvider({ provider, emit: (s) => emitted.push(s), signal: ac.signal, logger, state });
  return { ac, state, initial, changes, startedAt, emitted, done };
}

afterEach(() => { vi.useRealTimers(); });

describe('runProvider', () => {
  it('backs off 1 s, doubling to 30 s, while the source stays away', async () => {
    vi.useFakeTimers();
    const run = start([failNow]);
    await vi.advanceTimersByTimeAsync(200_000);
    const gaps = run.startedAt.slice(1).map((t, i) => t - run.startedAt[i]!);
    expect(gaps.slice(0, 8)).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
    run.ac.abort();
    await run.done;
  });

  it('walks starting → connected → retrying → connected → stopped, with the coded error and the restarts', async () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    const run = start([emitThenFailAfter(500), failNow, emitAndWait]);
    expect(run.initial).toEqual({ name: 'test', state: 'starting', since: '2026-01-01T00:00:00.000Z', restarts: 0 });
    await vi.advanceTimersByTimeAsync(0);
    expect(run.state.get()).toMatchObject({ state: 'connected', since: '2026-01-01T00:00:00.000Z', lastSnapshotAt: '2026-01-01T00:00:00.000Z' });
    await vi.advanceTimersByTimeAsync(500);
    expect(run.state.get()).toEqual({
      name: 'test', state: 'retrying', since: '2026-01-01T00:00:00.500Z', restarts: 0,
      lastSnapshotAt: '2026-01-01T00:00:00.000Z', elements: expect.any(Object), nextRetryAt: '2026-01-01T00:00:01.500Z',
      lastError: { code: 'WHARF_TEST_SOURCE_GONE', message: 'source at tcp://engine is unavailable', at: '2026-01-01T00:00:00.500Z' },
    });
    await vi.advanceTimersByTimeAsync(1000);
    // the restart failed at once: still retrying since the loss, next try 2 s later
    expect(run.state.get()).toMatchObject({ state: 'retrying', since: '2026-01-01T00:00:00.500Z', restarts: 1, nextRetryAt: '2026-01-01T00:00:03.500Z' });
    await vi.advanceTimersByTimeAsync(2000);
    expect(run.state.get()).toMatchObject({ state: 'connected', since: '2026-01-01T00:00:03.500Z', restarts: 2, lastSnapshotAt: '2026-01-01T00:00:03.500Z' });
    expect(run.state.get().nextRetryAt).toBeUndefined();
    // the last error stays visible after the reconnect
    expect(run.state.get().lastError?.code).toBe('WHARF_TEST_SOURCE_GONE');
    expect(run.emitted).toHaveLength(2);
    run.ac.abort();
    await run.done;
    expect(run.state.get()).toMatchObject({ state: 'stopped', since: '2026-01-01T00:00:03.500Z', restarts: 2 });
    expect(run.changes.map((c) => c.state)).toEqual(['connected', 'retrying', 'retrying', 'retrying', 'retrying', 'connected', 'stopped']);
    expect(Object.isFrozen(run.changes[1])).toBe(true);
  });

  it('starts the next failure at 1 s again after a run that stayed connected 10 s; a shorter one keeps doubling', async () => {
    vi.useFakeTimers();
    const run = start([failNow, failNow, emitThenFailAfter(3000), emitThenFailAfter(10_000), failNow]);
    await vi.advanceTimersByTimeAsync(60_000);
    const gaps = run.startedAt.slice(1).map((t, i) => t - run.startedAt[i]!);
    // waits: 1 s, 2 s, then (3 s connected) 4 s, then (10 s connected) reset to 1 s, then 2 s
    expect(gaps.slice(0, 5)).toEqual([1000, 2000, 3000 + 4000, 10_000 + 1000, 2000]);
    run.ac.abort();
    await run.done;
  });

  it('a start that returns is WHARF_PROVIDER_ENDED, an uncoded throw WHARF_PROVIDER_FAILED; both are logged', async () => {
    vi.useFakeTimers();
    const logs: Array<[string, string, Record<string, unknown> | undefined]> = [];
    const logger = {
      ...silentLogger,
      info: (m: string, f?: Record<string, unknown>) => logs.push(['info', m, f]),
      warn: (m: string, f?: Record<string, unknown>) => logs.push(['warn', m, f]),
      error: (m: string, f?: Record<string, unknown>) => logs.push(['error', m, f]),
    };
    const run = start([async () => {}, async () => { throw new Error('boom'); }, failNow, emitAndWait], logger);
    await vi.advanceTimersByTimeAsync(0);
    expect(run.state.get().lastError).toMatchObject({ code: 'WHARF_PROVIDER_ENDED', message: expect.stringContaining('provider test stopped') });
    await vi.advanceTimersByTimeAsync(1000);
    expect(run.state.get().lastError).toMatchObject({ code: 'WHARF_PROVIDER_FAILED', message: 'provider test failed: boom' });
    await vi.advanceTimersByTimeAsync(2000 + 4000);
    expect(logs.map(([level, msg, f]) => [level, msg, f?.retryInMs])).toEqual([
      ['warn', 'provider stopped unexpectedly; restarting', 1000],
      ['error', 'provider crashed; restarting', 2000],
      ['error', 'provider source is unavailable; keeping its last configuration and retrying', 4000],
      ['info', 'provider reconnected', undefined],
    ]);
    expect(logs[2]![2]).toMatchObject({ provider: 'test', code: 'WHARF_TEST_SOURCE_GONE', error: 'source at tcp://engine is unavailable' });
    expect(logs[3]![2]).toEqual({ provider: 'test', restarts: 3, awayMs: 7000 });
    run.ac.abort();
    await run.done;
  });

  it('stops at once when aborted during the wait and ignores emits after the abort', async () => {
    vi.useFakeTimers();
    let late: EmitSnapshot | undefined;
    const run = start([async (emit) => { late = emit; throw SourceGone('x'); }]);
    await vi.advanceTimersByTimeAsync(100);
    run.ac.abort();
    await run.done;
    late!(snapshot);
    expect(run.emitted).toEqual([]);
    expect(run.startedAt).toHaveLength(1);
    expect(run.state.get().state).toBe('stopped');
  });

  it('an unchanged re-emitted snapshot is no state change and is not forwarded; a changed one is', async () => {
    const changed = { config: { http: { routers: { r: { rule: 'Host(`a`)', service: 's' } }, services: {}, middlewares: {} } }, diagnostics: [] };
    let emitOut: EmitSnapshot | undefined;
    const run = start([async (emit, signal) => {
      emitOut = emit;
      await new Promise((r) => signal.addEventListener('abort', r, { once: true }));
    }]);
    await new Promise((r) => setTimeout(r, 0));
    emitOut!(snapshot);
    const afterFirst = run.changes.length;
    emitOut!(structuredClone(snapshot));
    emitOut!(structuredClone(snapshot));
    expect(run.changes.length).toBe(afterFirst);
    expect(run.emitted).toHaveLength(1);
    emitOut!(changed);
    expect(run.changes.length).toBe(afterFirst + 1);
    expect(run.changes.at(-1)?.elements?.http.routers).toBe(1);
    expect(run.emitted).toHaveLength(2);
    run.ac.abort();
    await run.done;
  });
});
