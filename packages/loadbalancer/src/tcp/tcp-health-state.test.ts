import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHealthRegistry } from '../health/health-registry.js';
import type { ProbeResult } from '../health/http-probe.js';
import type { ServerStateChange } from '../types.js';
import { ReplyMatcher } from './reply-matcher.js';
import { MAX_TCP_PAYLOAD_BYTES, resolveTcpHealth } from './tcp-health-options.js';
import type { TcpProbeTarget } from './tcp-probe.js';
import { createTcpServerHealth, type TcpHealthServer } from './tcp-server-health.js';

const server = (port: number, over: Partial<TcpHealthServer> = {}): TcpHealthServer => ({ address: `10.0.0.${port}:${port}`, host: `10.0.0.${port}`, port, tls: false, ...over });

/** a prober whose verdict per host is set by the test; records every probe */
function scripted() {
  const verdicts = new Map<string, ProbeResult>();
  const probes: TcpProbeTarget[] = [];
  const prober = async (t: TcpProbeTarget): Promise<ProbeResult> => {
    probes.push(t);
    return verdicts.get(t.host) ?? { ok: true, result: 'connected' };
  };
  return { verdicts, probes, prober };
}

const controllers: AbortController[] = [];
afterEach(() => {
  for (const c of controllers.splice(0)) c.abort();
  vi.useRealTimers();
});
function ctx(registry = createHealthRegistry(), serviceName = 'db@file') {
  const c = new AbortController();
  controllers.push(c);
  return { serviceName, health: registry, signal: c.signal, abort: () => c.abort() };
}

describe('TCP health options (Traefik defaults)', () => {
  it('interval 30s, unhealthyInterval = interval, timeout 5s; invalid or ≤ 0 values fall back', () => {
    expect(resolveTcpHealth({})).toEqual({ intervalMs: 30_000, unhealthyIntervalMs: 30_000, timeoutMs: 5_000, rise: 1, fall: 1 });
    expect(resolveTcpHealth({ interval: '10s', timeout: '0s' })).toMatchObject({ intervalMs: 10_000, unhealthyIntervalMs: 10_000, timeoutMs: 5_000 });
    expect(resolveTcpHealth({ interval: 2, unhealthyInterval: '500ms', port: 6380, send: 'PING\r\n', expect: '+PONG' }))
      .toEqual({ intervalMs: 2_000, unhealthyIntervalMs: 500, timeoutMs: 5_000, rise: 1, fall: 1, port: 6380, send: 'PING\r\n', expect: '+PONG' });
  });

  it('drops a send or expect longer than 65535 bytes (Traefik falls back to a connect-only check) and a bad port', () => {
    const big = 'x'.repeat(MAX_TCP_PAYLOAD_BYTES + 1);
    const o = resolveTcpHealth({ send: big, expect: big, port: 70_000 });
    expect(o.send).toBeUndefined();
    expect(o.expect).toBeUndefined();
    expect(o.port).toBeUndefined();
    expect(resolveTcpHealth({ send: 'x'.repeat(MAX_TCP_PAYLOAD_BYTES) }).send).toHaveLength(MAX_TCP_PAYLOAD_BYTES);
  });
});

describe('ReplyMatcher (reply arriving in pieces)', () => {
  it('waits for as many bytes as expected, then compares the prefix', () => {
    const m = new ReplyMatcher(Buffer.from('+PONG'));
    expect(m.feed(Buffer.from('+P'))).toBe('pending');
    expect(m.feed(Buffer.from('O'))).toBe('pending');
    expect(m.feed(Buffer.from('NG\r\nextra'))).toBe('match');
  });

  it('fails as soon as a byte differs, even before the whole reply arrived', () => {
    expect(new ReplyMatcher(Buffer.from('+PONG')).feed(Buffer.from('-E'))).toBe('mismatch');
    const m = new ReplyMatcher(Buffer.from('ab'));
    expect(m.feed(Buffer.from('a'))).toBe('pending');
    expect(m.feed(Buffer.from('c'))).toBe('mismatch');
  });
});

describe('TCP server health state machine (scripted prober)', () => {
  it('starts DOWN (initial), goes UP on the first success, DOWN on one failure, UP again on one success', async () => {
    const s = scripted();
    const registry = createHealthRegistry();
    const changes: ServerStateChange[] = [];
    registry.subscribe((c) => changes.push(c));
    const h = createTcpServerHealth({ interval: '20ms' }, [server(1), server(2)], ctx(registry), { prober: s.prober });
    expect(h.servers()).toEqual([{ url: '10.0.0.1:1', state: 'DOWN', reason: 'initial' }, { url: '10.0.0.2:2', state: 'DOWN', reason: 'initial' }]);
    expect(h.isUp('10.0.0.1:1')).toBe(false);
    await h.ready();
    expect(h.isUp('10.0.0.1:1') && h.isUp('10.0.0.2:2')).toBe(true);
    s.verdicts.set('10.0.0.2', { ok: false, result: 'ECONNREFUSED' });
    await vi.waitFor(() => expect(h.servers()[1]).toMatchObject({ state: 'DOWN', reason: 'active-check', lastResult: 'ECONNREFUSED' }));
    expect(h.isUp('10.0.0.1:1')).toBe(true);
    s.verdicts.delete('10.0.0.2');
    await vi.waitFor(() => expect(h.isUp('10.0.0.2:2')).toBe(true));
    expect(changes.filter((c) => c.url === '10.0.0.2:2').map((c) => c.state)).toEqual(['UP', 'DOWN', 'UP']);
    expect(h.isUp('10.9.9.9:1')).toBe(false);
  });

  it('probes the health check port, sends the payload and expects the reply; TLS settings follow the server', async () => {
    const s = scripted();
    const h = createTcpServerHealth({ port: 9000, send: 'PING', expect: 'PONG', timeout: '1s' },
      [server(3, { tls: true, serverName: 'db.test', insecureSkipVerify: true }), server(3)], ctx(), { prober: s.prober });
    await h.ready();
    expect(s.probes).toEqual([{ host: '10.0.0.3', port: 9000, tls: true, serverName: 'db.test', insecureSkipVerify: true, send: 'PING', expect: 'PONG', timeoutMs: 1000 }]);
    expect(h.servers()).toHaveLength(1);
  });

  it('uses unhealthyInterval while DOWN and interval while UP', async () => {
    vi.useFakeTimers();
    const s = scripted();
    s.verdicts.set('10.0.0.4', { ok: false, result: 'timeout' });
    createTcpServerHealth({ interval: '10s', unhealthyInterval: '1s' }, [server(4)], ctx(), { prober: s.prober });
    await vi.advanceTimersByTimeAsync(0);
    expect(s.probes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(s.probes).toHaveLength(4);
    s.verdicts.delete('10.0.0.4');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(s.probes).toHaveLength(5);
    await vi.advanceTimersByTimeAsync(9_000);
    expect(s.probes).toHaveLength(5);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(s.probes).toHaveLength(6);
  });

  it('a new generation keeps the verdicts and waits out the interval instead of probing at once', async () => {
    vi.useFakeTimers();
    const s = scripted();
    s.verdicts.set('10.0.0.6', { ok: false, result: 'ECONNREFUSED' });
    const registry = createHealthRegistry();
    const first = ctx(registry);
    createTcpServerHealth({ interval: '10s' }, [server(5), server(6)], first, { prober: s.prober });
    await vi.advanceTimersByTimeAsync(0);
    expect(s.probes).toHaveLength(2);
    first.abort();
    await vi.advanceTimersByTimeAsync(4_000);
    const next = createTcpServerHealth({ interval: '10s' }, [server(5), server(6)], ctx(registry), { prober: s.prober });
    expect(next.servers().map((x) => x.state)).toEqual(['UP', 'DOWN']);
    expect(next.servers()[1]).toMatchObject({ reason: 'active-check', lastResult: 'ECONNREFUSED' });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(s.probes).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(s.probes).toHaveLength(4);
  });

  it('aborting the generation stops every probe', async () => {
    vi.useFakeTimers();
    const s = scripted();
    const c = ctx();
    createTcpServerHealth({ interval: '1s' }, [server(7)], c, { prober: s.prober });
    await vi.advanceTimersByTimeAsync(0);
    c.abort();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(s.probes).toHaveLength(1);
  });
});
