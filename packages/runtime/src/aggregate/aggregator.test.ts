import { defineError, type Diagnostic, type DynamicConfig, type EmitSnapshot, type Provider } from '@wharf/config';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAggregator } from './aggregator.js';
import { qualifyConfig } from './qualify.js';

function cfg(routers: DynamicConfig['http']['routers'] = {}, services: DynamicConfig['http']['services'] = {}): DynamicConfig {
  return { http: { routers, services, middlewares: {} } };
}

/** A provider whose emit is driven by the test. */
function manualProvider(name: string) {
  let emit: EmitSnapshot | undefined;
  let signal: AbortSignal | undefined;
  const provider: Provider = {
    name,
    start: (e, s) =>
      new Promise<void>((resolve) => {
        emit = e;
        signal = s;
        s.addEventListener('abort', () => resolve(), { once: true });
      }),
  };
  return {
    provider,
    emit: (config: DynamicConfig, diagnostics: Diagnostic[] = []) => emit!({ config, diagnostics }),
    aborted: () => signal?.aborted ?? false,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('qualifyConfig', () => {
  it('qualifies element names and unqualified references into the provider', () => {
    const out = qualifyConfig(
      {
        http: {
          routers: { r: { rule: 'Host(`a`)', service: 's', middlewares: ['m', 'x@file'] } },
          services: {
            s: { loadBalancer: { servers: [{ url: 'http://a' }] }, middlewares: ['m'] },
            w: { weighted: { services: [{ name: 's', weight: 2 }, { name: 't@file' }] } },
            mi: { mirroring: { service: 's', mirrors: [{ name: 'w', percent: 10 }] } },
            f: { failover: { service: 's', fallback: 'api@internal' } },
          },
          middlewares: { m: { chain: { middlewares: ['a', 'b@file'] } }, e: { errors: { service: 's', status: ['500'] } } },
        },
      },
      'docker',
    );
    expect(out.http.routers['r@docker']).toMatchObject({ service: 's@docker', middlewares: ['m@docker', 'x@file'] });
    expect(out.http.services['s@docker']!.middlewares).toEqual(['m@docker']);
    expect(out.http.services['w@docker']!.weighted!.services).toEqual([{ name: 's@docker', weight: 2 }, { name: 't@file' }]);
    expect(out.http.services['mi@docker']!.mirroring).toMatchObject({ service: 's@docker', mirrors: [{ name: 'w@docker', percent: 10 }] });
    expect(out.http.services['f@docker']!.failover).toEqual({ service: 's@docker', fallback: 'api@internal' });
    expect(out.http.middlewares['m@docker']).toEqual({ chain: { middlewares: ['a@docker', 'b@file'] } });
    expect(out.http.middlewares['e@docker']).toEqual({ errors: { service: 's@docker', status: ['500'] } });
  });
});

describe('createAggregator', () => {
  it('waits for every provider before the first apply, then merges qualified configs', async () => {
    const a = manualProvider('docker');
    const b = manualProvider('file');
    const onConfig = vi.fn();
    const agg = createAggregator({ providers: [a.provider, b.provider], throttleMs: 0, onConfig });
    agg.start();
    await Promise.resolve();
    a.emit(cfg({ r: { rule: 'Host(`a`)', service: 's' } }), [{ provider: 'docker', source: 'c1', code: 'X', severity: 'warning', message: 'm' }]);
    expect(onConfig).not.toHaveBeenCalled();
    b.emit(cfg({ r: { rule: 'Host(`b`)', service: 's' } }));
    expect(onConfig).toHaveBeenCalledTimes(1);
    const [merged, diagnostics] = onConfig.mock.calls[0]!;
    expect(Object.keys(merged.http.routers).sort()).toEqual(['r@docker', 'r@file']);
    expect(merged.http.routers['r@file'].service).toBe('s@file');
    expect(diagnostics).toHaveLength(1);
    await agg.close();
    expect(a.aborted()).toBe(true);
  });

  it('applies without a silent provider after the first-snapshot timeout', async () => {
    vi.useFakeTimers();
    const a = manualProvider('docker');
    const b = manualProvider('file');
    const onConfig = vi.fn();
    const agg = createAggregator({ providers: [a.provider, b.provider], throttleMs: 0, firstSnapshotTimeoutMs: 5000, onConfig });
    agg.start();
    await vi.advanceTimersByTimeAsync(0);
    a.emit(cfg({ r: { rule: 'Host(`a`)', service: 's' } }));
    await vi.advanceTimersByTimeAsync(4000);
    expect(onConfig).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1500);
    expect(onConfig).toHaveBeenCalledTimes(1);
    expect(Object.keys(onConfig.mock.calls[0]![0].http.routers)).toEqual(['r@docker']);
    await agg.close();
  });

  it('throttles per provider, latest wins, and drops deep-equal snapshots', async () => {
    vi.useFakeTimers();
    const a = manualProvider('docker');
    const onConfig = vi.fn();
    const agg = createAggregator({ providers: [a.provider], throttleMs: 2000, onConfig });
    agg.start();
    await vi.advanceTimersByTimeAsync(0);
    a.emit(cfg({ v1: { rule: 'Host(`a`)', service: 's' } }));
    expect(onConfig).toHaveBeenCalledTimes(1);
    a.emit(cfg({ v2: { rule: 'Host(`a`)', service: 's' } }));
    a.emit(cfg({ v3: { rule: 'Host(`a`)', service: 's' } }));
    expect(onConfig).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2001);
    expect(onConfig).toHaveBeenCalledTimes(2);
    expect(Object.keys(onConfig.mock.calls[1]![0].http.routers)).toEqual(['v3@docker']);
    await vi.advanceTimersByTimeAsync(5000);
    a.emit(cfg({ v3: { rule: 'Host(`a`)', service: 's' } }));
    expect(onConfig).toHaveBeenCalledTimes(2);
    await agg.close();
  });

  it('restarts a crashing provider with backoff and never throws', async () => {
    vi.useFakeTimers();
    let starts = 0;
    const provider: Provider = {
      name: 'flaky',
      async start(emit, signal) {
        starts += 1;
        if (starts < 3) throw new Error('socket hang up');
        emit({ config: cfg({ r: { rule: 'Host(`x`)', service: 's' } }), diagnostics: [] });
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      },
    };
    const errors: string[] = [];
    const logger = { debug() {}, info() {}, warn() {}, error: (msg: string) => errors.push(msg) };
    const onConfig = vi.fn(() => {
      throw new Error('consumer failure');
    });
    const agg = createAggregator({ providers: [provider], throttleMs: 0, onConfig, logger, backoff: { initialMs: 100, maxMs: 1000 } });
    agg.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(starts).toBe(3);
    expect(onConfig).toHaveBeenCalledTimes(1);
    expect(errors.filter((e) => e.includes('provider crashed'))).toHaveLength(2);
    expect(errors.some((e) => e.includes('applying the configuration failed'))).toBe(true);
    await agg.close();
  });
});

describe('createAggregator provider states', () => {
  it('keeps the last snapshot of a provider whose source went away, and reports its state', async () => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    const SourceGone = defineError('WHARF_TEST_SOURCE_GONE', 503, () => 'engine is unavailable');
    let starts = 0;
    let fail: (() => void) | undefined;
    const flaky: Provider = {
      name: 'docker',
      start: (emit, signal) => new Promise<void>((resolve, reject) => {
        starts += 1;
        if (starts === 1) emit({ config: cfg({ r: { rule: 'Host(`d`)', service: 's' } }), diagnostics: [] });
        if (starts === 2) return reject(SourceGone());
        fail = () => reject(SourceGone());
        signal.addEventListener('abort', () => resolve(), { once: true });
      }),
    };
    const file = manualProvider('file');
    const onConfig = vi.fn();
    const states: string[] = [];
    const agg = createAggregator({
      providers: [flaky, file.provider], throttleMs: 0, onConfig,
      onProviderState: (s) => states.push(`${s.name}:${s.state}`),
    });
    expect(agg.providerStates().map((s) => s.state)).toEqual(['starting', 'starting']);
    agg.start();
    await vi.advanceTimersByTimeAsync(0);
    file.emit(cfg({ f: { rule: 'Host(`f`)', service: 's' } }));
    expect(agg.providerStates().map((s) => s.state)).toEqual(['connected', 'connected']);
    fail!();
    await vi.advanceTimersByTimeAsync(0);
    expect(agg.providerStates()[0]).toMatchObject({ name: 'docker', state: 'retrying', since: '2026-01-01T00:00:00.000Z', lastError: { code: 'WHARF_TEST_SOURCE_GONE' } });
    // another provider's change merges with docker's last snapshot, still routed
    file.emit(cfg({ g: { rule: 'Host(`g`)', service: 's' } }));
    expect(Object.keys(onConfig.mock.lastCall![0].http.routers).sort()).toEqual(['g@file', 'r@docker']);
    await vi.advanceTimersByTimeAsync(1000);
    // the restart failed at once (starts === 2): still retrying, 2 s until the next
    expect(agg.providerStates()[0]).toMatchObject({ state: 'retrying', restarts: 1, nextRetryAt: '2026-01-01T00:00:03.000Z' });
    await agg.close();
    expect(agg.providerStates().map((s) => s.state)).toEqual(['stopped', 'stopped']);
    expect(states).toContain('docker:retrying');
    expect(states.slice(-2).sort()).toEqual(['docker:stopped', 'file:stopped']);
  });
});

describe('createAggregator close', () => {
  it('does not hang on a provider that ignores the abort', async () => {
    const stubborn: Provider = { name: 'stubborn', start: () => new Promise<void>(() => {}) };
    const agg = createAggregator({ providers: [stubborn], onConfig: () => {}, closeTimeoutMs: 50 });
    agg.start();
    const started = Date.now();
    await agg.close();
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('createAggregator robustness', () => {
  it('ignores a malformed snapshot from one provider and keeps the others', async () => {
    const a = manualProvider('docker');
    const b = manualProvider('file');
    const onConfig = vi.fn();
    const agg = createAggregator({ providers: [a.provider, b.provider], throttleMs: 0, onConfig });
    agg.start();
    await Promise.resolve();
    a.emit(undefined as never);
    b.emit(cfg({ r: { rule: 'Host(`b`)', service: 's' } }));
    expect(onConfig).toHaveBeenCalledTimes(1);
    expect(Object.keys(onConfig.mock.calls[0]![0].http.routers)).toEqual(['r@file']);
    await agg.close();
  });
});
