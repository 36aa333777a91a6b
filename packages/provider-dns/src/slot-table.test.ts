import { describe, expect, it } from 'vitest';
import type { DnsFailure, DnsRecord, DnsValidAnswer } from './dns-data.js';
import type { DnsHolds } from './resolve-options.js';
import {
  applyAnswer, applyFailure, expire, holdUntil, initialServiceState, nextExpiry, servingSlots, type ServiceState, type SlotPolicy,
} from './slot-table.js';

const HOLD: DnsHolds = { valid: 10_000, obsolete: 0, nx: 10_000, refused: 20_000, timeout: 30_000, other: 40_000 };
const policy = (over: { slots?: number; hold?: Partial<DnsHolds> } = {}): SlotPolicy => ({ slots: over.slots ?? 4096, hold: { ...HOLD, ...over.hold } });

const a = (...addresses: string[]): DnsValidAnswer => ({
  status: 'valid', problems: [], records: addresses.map((address) => ({ key: address, addresses: [address], port: 80, weight: 1 })),
});
const srv = (...records: Array<Partial<DnsRecord> & { target: string; port: number }>): DnsValidAnswer => ({
  status: 'valid', problems: [], records: records.map((r) => ({ key: `${r.target}:${r.port}`, addresses: r.addresses ?? [], weight: r.weight ?? 1, ...r })),
});
const fail = (status: DnsFailure['status'], code = 'E'): DnsFailure => ({ status, code, message: '' });
const servers = (s: ServiceState) => servingSlots(s).map((x) => `${x.index + 1}=${x.address}`);

function run(steps: Array<[number, DnsValidAnswer | DnsFailure]>, p = policy()): ServiceState {
  let state = initialServiceState;
  for (const [t, step] of steps) state = 'records' in step ? applyAnswer(state, step, t, p) : applyFailure(state, step, t, p);
  return state;
}

describe('slots (server-template)', () => {
  it('fills slots in record order and keeps them while the answers rotate', () => {
    let state = applyAnswer(initialServiceState, a('10.0.0.3', '10.0.0.1', '10.0.0.2'), 0, policy());
    expect(servers(state)).toEqual(['1=10.0.0.1', '2=10.0.0.2', '3=10.0.0.3']);
    const first = state.slots;
    for (const [t, order] of [[1, ['10.0.0.2', '10.0.0.3', '10.0.0.1']], [2, ['10.0.0.1', '10.0.0.3', '10.0.0.2']]] as const) {
      state = applyAnswer(state, a(...order), t * 1000, policy());
      expect(servers(state)).toEqual(['1=10.0.0.1', '2=10.0.0.2', '3=10.0.0.3']);
    }
    expect(state.slots.map((s) => s?.key)).toEqual(first.map((s) => s?.key));
    expect(state.answers).toBe(3);
  });

  it('a new record takes the lowest free slot; the others do not move', () => {
    const state = run([
      [0, a('10.0.0.1', '10.0.0.2', '10.0.0.3')],
      [1000, a('10.0.0.1', '10.0.0.3')],
      [2000, a('10.0.0.9', '10.0.0.3', '10.0.0.1', '10.0.0.7')],
    ]);
    expect(servers(state)).toEqual(['1=10.0.0.1', '2=10.0.0.7', '3=10.0.0.3', '4=10.0.0.9']);
  });

  it('hold.obsolete 0: a vanished record frees its slot at once', () => {
    const state = run([[0, a('10.0.0.1', '10.0.0.2')], [1000, a('10.0.0.2')]]);
    expect(servers(state)).toEqual(['2=10.0.0.2']);
    expect(state.slots).toHaveLength(2);
  });

  it('hold.obsolete keeps a vanished record until it runs out, then frees the slot', () => {
    const p = policy({ hold: { obsolete: 10_000 } });
    let state = run([[0, a('10.0.0.1', '10.0.0.2')], [1000, a('10.0.0.2')]], p);
    expect(servers(state)).toEqual(['1=10.0.0.1', '2=10.0.0.2']);
    expect(nextExpiry(state, p)).toBe(10_000);
    expect(expire(state, 9_999, p)).toBe(state);
    state = expire(state, 10_000, p);
    expect(servers(state)).toEqual(['2=10.0.0.2']);
    expect(nextExpiry(state, p)).toBeUndefined();
  });

  it('a record back within hold.obsolete keeps its slot', () => {
    const p = policy({ hold: { obsolete: 10_000 } });
    const state = run([[0, a('10.0.0.1', '10.0.0.2')], [1000, a('10.0.0.2')], [5000, a('10.0.0.5', '10.0.0.2', '10.0.0.1')]], p);
    expect(servers(state)).toEqual(['1=10.0.0.1', '2=10.0.0.2', '3=10.0.0.5']);
    expect(nextExpiry(state, p)).toBeUndefined();
  });

  it('slots caps the servers; a freed slot goes to a record left out', () => {
    const p = policy({ slots: 2 });
    let state = run([[0, a('10.0.0.3', '10.0.0.1', '10.0.0.2')]], p);
    expect(servers(state)).toEqual(['1=10.0.0.1', '2=10.0.0.2']);
    expect([state.leftOut, state.leftOutCount]).toEqual([['10.0.0.3'], 1]);
    state = applyAnswer(state, a('10.0.0.3', '10.0.0.2'), 1000, p);
    expect(servers(state)).toEqual(['1=10.0.0.3', '2=10.0.0.2']);
    expect(state.leftOutCount).toBe(0);
  });

  it('holds thousands of records without moving any under rotation', () => {
    const many = Array.from({ length: 3000 }, (_, i) => `10.${i >> 8}.${i & 255}.1`);
    const before = applyAnswer(initialServiceState, a(...many), 0, policy());
    const after = applyAnswer(before, a(...[...many].reverse()), 1000, policy());
    expect(servingSlots(after).map((s) => s.key)).toEqual(servingSlots(before).map((s) => s.key));
    expect(servingSlots(after)).toHaveLength(3000);
  });
});

describe('failed resolutions (hold nx/refused/timeout/other)', () => {
  it.each([['nx', 10_000], ['refused', 20_000], ['timeout', 30_000], ['other', 40_000]] as const)(
    '%s keeps the last good servers for hold.%s after the last valid answer, then they go',
    (status, hold) => {
      const p = policy();
      let state = run([[0, a('10.0.0.1', '10.0.0.2')], [1000, a('10.0.0.1', '10.0.0.2')], [3000, fail(status)]], p);
      expect(servers(state)).toEqual(['1=10.0.0.1', '2=10.0.0.2']);
      expect(holdUntil(state, p)).toBe(1000 + hold);
      expect(nextExpiry(state, p)).toBe(1000 + hold);
      state = applyFailure(state, fail(status), 1000 + hold - 1, p);
      expect(servers(state)).toHaveLength(2);
      expect(state.failure?.since).toBe(3000);
      state = expire(state, 1000 + hold, p);
      expect(servers(state)).toEqual([]);
      expect(state.failures).toBe(2);
    },
  );

  it('a failure before any valid answer leaves no servers', () => {
    const state = run([[0, fail('nx')]]);
    expect(servers(state)).toEqual([]);
    expect(state.lastValidAt).toBeUndefined();
  });

  it('a failure that arrives after the hold ran out drops the servers at once', () => {
    const state = run([[0, a('10.0.0.1')], [10_000, fail('nx')]]);
    expect(servers(state)).toEqual([]);
  });

  it('a valid answer ends the failure and refills the slots', () => {
    const state = run([[0, a('10.0.0.1')], [50_000, fail('timeout')], [51_000, a('10.0.0.2', '10.0.0.1')]]);
    expect(state.failure).toBeUndefined();
    expect(servers(state)).toEqual(['1=10.0.0.1', '2=10.0.0.2']);
  });

  it('a change of failure status restarts "since" but the hold still counts from the last valid answer', () => {
    const p = policy();
    const state = run([[0, a('10.0.0.1')], [1000, fail('nx')], [2000, fail('timeout')]], p);
    expect(state.failure).toMatchObject({ status: 'timeout', since: 2000 });
    expect(holdUntil(state, p)).toBe(30_000);
  });
});

describe('SRV records', () => {
  it('map weight and port per record; key is target:port', () => {
    const state = run([[0, srv({ target: 'b.test', port: 81, weight: 7, addresses: ['10.0.0.2'] }, { target: 'a.test', port: 80, weight: 5, addresses: ['10.0.0.1'] })]]);
    expect(servingSlots(state).map((s) => [s.index, s.address, s.port, s.weight])).toEqual([[0, '10.0.0.1', 80, 5], [1, '10.0.0.2', 81, 7]]);
  });

  it('a slot keeps its address while the target still resolves to it', () => {
    const state = run([
      [0, srv({ target: 'a.test', port: 80, addresses: ['10.0.0.5'] })],
      [1000, srv({ target: 'a.test', port: 80, addresses: ['10.0.0.1', '10.0.0.5'] })],
    ]);
    expect(servers(state)).toEqual(['1=10.0.0.5']);
  });

  it('a target that stops resolving keeps its address for hold.<status>, then the slot serves nothing', () => {
    const p = policy();
    let state = run([
      [0, srv({ target: 'a.test', port: 80, addresses: ['10.0.0.1'] }, { target: 'b.test', port: 80, addresses: ['10.0.0.2'] })],
      [1000, srv({ target: 'a.test', port: 80, addresses: [], targetFailure: fail('nx', 'ENOTFOUND') }, { target: 'b.test', port: 80, addresses: ['10.0.0.2'] })],
    ], p);
    expect(servers(state)).toEqual(['1=10.0.0.1', '2=10.0.0.2']);
    expect(state.slots[0]?.targetFailure).toMatchObject({ status: 'nx', since: 1000 });
    expect(nextExpiry(state, p)).toBe(10_000);
    state = expire(state, 10_000, p);
    expect(servers(state)).toEqual(['2=10.0.0.2']);
    expect(state.slots[0]).toMatchObject({ key: 'a.test:80' });
    state = applyAnswer(state, srv({ target: 'a.test', port: 80, addresses: ['10.0.0.9'] }, { target: 'b.test', port: 80, addresses: ['10.0.0.2'] }), 11_000, p);
    expect(servers(state)).toEqual(['1=10.0.0.9', '2=10.0.0.2']);
    expect(state.slots[0]?.targetFailure).toBeUndefined();
  });

  it('a new SRV record whose target fails takes a slot without serving', () => {
    const state = run([[0, srv({ target: 'a.test', port: 80, addresses: [], targetFailure: fail('timeout') })]]);
    expect(state.slots).toHaveLength(1);
    expect(servers(state)).toEqual([]);
  });
});
