import { describe, expect, it } from 'vitest';
import { buildConfig, type DnsServiceView } from './build-config.js';
import type { DnsValidAnswer } from './dns-data.js';
import type { ResolvedDnsService } from './resolve-options.js';
import { applyAnswer, applyFailure, expire, initialServiceState, type ServiceState, type SlotPolicy } from './slot-table.js';

const HOLD = { valid: 10_000, obsolete: 0, nx: 30_000, refused: 30_000, timeout: 30_000, other: 30_000 };
const T0 = Date.parse('2026-01-01T00:00:00Z');
const service = (over: Partial<ResolvedDnsService> = {}): ResolvedDnsService => ({
  service: 'whoami', name: 'whoami', type: 'A/AAAA', protocol: 'http', port: 80, slots: 6, intervalMs: 5000, loadBalancer: {}, ...over,
});
const answer = (...addresses: string[]): DnsValidAnswer => ({
  status: 'valid', problems: [], ttlSeconds: 600, records: addresses.map((a) => ({ key: a, addresses: [a], port: 80, weight: 1 })),
});
function view(state: ServiceState, over: Partial<ResolvedDnsService> = {}, slots = 6): DnsServiceView {
  const policy: SlotPolicy = { slots, hold: HOLD };
  return { service: service(over), state, policy };
}

describe('snapshot', () => {
  it('emits http.services.<name>.loadBalancer with the user options and one server per slot', () => {
    const state = applyAnswer(initialServiceState, answer('10.0.0.2', '10.0.0.1', 'fd00::1'), T0, { slots: 6, hold: HOLD });
    const snap = buildConfig([view(state, { loadBalancer: { strategy: 'p2c', healthCheck: { path: '/health' } } })], T0);
    expect(snap.config).toEqual({
      http: {
        routers: {}, middlewares: {},
        services: {
          whoami: {
            loadBalancer: {
              strategy: 'p2c', healthCheck: { path: '/health' },
              servers: [{ url: 'http://10.0.0.1:80', weight: 1 }, { url: 'http://10.0.0.2:80', weight: 1 }, { url: 'http://[fd00::1]:80', weight: 1 }],
            },
          },
        },
      },
    });
    expect(snap.diagnostics).toEqual([expect.objectContaining({
      provider: 'dns', source: 'whoami', code: 'WHARF_DNS_ANSWER', severity: 'info', element: { kind: 'service', name: 'whoami' },
      message: 'A/AAAA whoami: 3 record(s) → 3 server(s), slots used 3 of 6: 10.0.0.1:80, 10.0.0.2:80, [fd00::1]:80',
    })]);
  });

  it('is deep-equal when the answer only rotates (no new generation per resolution)', () => {
    const p = { slots: 6, hold: HOLD };
    const s1 = applyAnswer(initialServiceState, answer('10.0.0.1', '10.0.0.2', '10.0.0.3'), T0, p);
    const s2 = applyAnswer(s1, answer('10.0.0.3', '10.0.0.1', '10.0.0.2'), T0 + 5000, p);
    expect(buildConfig([view(s2)], T0 + 5000)).toEqual(buildConfig([view(s1)], T0));
  });

  it('says which servers it keeps during a failure, until when, and when they went', () => {
    const p = { slots: 6, hold: HOLD };
    const valid = applyAnswer(initialServiceState, answer('10.0.0.1', '10.0.0.2'), T0, p);
    const failing = applyFailure(valid, { status: 'timeout', code: 'ETIMEOUT', message: 'no answer within the timeout' }, T0 + 5000, p);
    const held = buildConfig([view(failing)], T0 + 5000);
    expect(held.config.http.services.whoami?.loadBalancer?.servers).toHaveLength(2);
    expect(held.diagnostics).toEqual([expect.objectContaining({
      code: 'WHARF_DNS_TIMEOUT', severity: 'warning',
      message: 'A/AAAA whoami: no answer (ETIMEOUT: no answer within the timeout) since 2026-01-01T00:00:05.000Z; keeping 2 server(s) until 2026-01-01T00:00:30.000Z (hold.timeout 30s after the last valid answer at 2026-01-01T00:00:00.000Z)',
    })]);
    const gone = buildConfig([view(expire(failing, T0 + 30_000, p))], T0 + 30_000);
    expect(gone.config.http.services.whoami?.loadBalancer?.servers).toEqual([]);
    expect(gone.diagnostics[0]).toMatchObject({ code: 'WHARF_DNS_TIMEOUT', severity: 'error' });
    expect(gone.diagnostics[0]?.message).toContain('no servers: hold.timeout 30s after the last valid answer at 2026-01-01T00:00:00.000Z ran out at 2026-01-01T00:00:30.000Z');
  });

  it('names the status of a failure before any valid answer', () => {
    const state = applyFailure(initialServiceState, { status: 'nx', code: 'ENOTFOUND', message: 'the name does not exist' }, T0, { slots: 6, hold: HOLD });
    const snap = buildConfig([view(state)], T0);
    expect(snap.config.http.services.whoami).toEqual({ loadBalancer: { servers: [] } });
    expect(snap.diagnostics[0]).toMatchObject({ code: 'WHARF_DNS_NXDOMAIN', severity: 'error' });
    expect(snap.diagnostics[0]?.message).toContain('NXDOMAIN (ENOTFOUND: the name does not exist) since 2026-01-01T00:00:00.000Z; no servers: no valid answer yet');
  });

  it('reports records left out by slots, obsolete records, bad records and a TTL under the floor', () => {
    const p = { slots: 2, hold: { ...HOLD, obsolete: 10_000 } };
    let state = applyAnswer(initialServiceState, answer('10.0.0.1', '10.0.0.2'), T0, p);
    state = applyAnswer(state, {
      ...answer('10.0.0.2', '10.0.0.3', '10.0.0.4'), ttlSeconds: 0,
      problems: [{ code: 'WHARF_DNS_BAD_RECORD', record: '10.0.0.300', message: 'is not an IPv4 address; the record is ignored' }],
    }, T0 + 1000, p);
    const codes = buildConfig([{ service: service({ slots: 2 }), state, policy: p }], T0 + 1000).diagnostics.map((d) => [d.code, d.key]);
    expect(codes).toEqual([
      ['WHARF_DNS_ANSWER', undefined], ['WHARF_DNS_SLOTS_FULL', undefined], ['WHARF_DNS_RECORD_OBSOLETE', '10.0.0.1'],
      ['WHARF_DNS_BAD_RECORD', '10.0.0.300'], ['WHARF_DNS_TTL', undefined],
    ]);
  });

  it('feeds tcp.services with ip:port addresses for the TCP flavour', () => {
    const state = applyAnswer(initialServiceState, answer('10.0.0.1', 'fd00::2'), T0, { slots: 6, hold: HOLD });
    const snap = buildConfig([view(state, { protocol: 'tcp', port: 5432 })], T0);
    expect(snap.config.tcp?.services?.whoami).toEqual({ loadBalancer: { servers: [{ address: '10.0.0.1:80' }, { address: '[fd00::2]:80' }] } });
    expect(snap.config.http.services).toEqual({});
  });
});
