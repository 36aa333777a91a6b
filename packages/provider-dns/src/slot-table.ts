import type { DnsFailure, DnsRecord, DnsRecordProblem, DnsValidAnswer } from './dns-data.js';
import type { DnsHolds } from './resolve-options.js';

/**
 * HAProxy's `server-template` semantics as a pure state machine (times are epoch milliseconds
 * from an injected clock). A slot keeps its record while the record stays in the answers, in
 * whatever order they come; new records fill the lowest free slots; a record missing from a
 * valid answer frees its slot `hold.obsolete` after it was last seen; a failed resolution keeps
 * every slot until `hold.<status>` after the last valid answer, then all go.
 */
export interface SlotPolicy {
  /** the most slots (server-template N) */
  slots: number;
  hold: DnsHolds;
}

export interface HeldFailure extends DnsFailure {
  /** first failure of this status in a row */
  since: number;
}

export interface Slot {
  /** 0-based; HAProxy's server `<prefix><index + 1>` */
  readonly index: number;
  readonly key: string;
  /** undefined: the SRV target has no address (the slot is taken, nothing is served) */
  readonly address?: string;
  readonly port: number;
  readonly weight: number;
  readonly target?: string;
  /** the last valid answer that carried this record */
  readonly lastSeen: number;
  /** when `address` was last confirmed (SRV targets resolve on their own) */
  readonly addressAt?: number;
  readonly targetFailure?: HeldFailure;
}

export interface ServiceState {
  readonly slots: ReadonlyArray<Slot | undefined>;
  readonly lastAnswerAt?: number;
  readonly lastValidAt?: number;
  readonly failure?: HeldFailure;
  readonly ttlSeconds?: number;
  /** usable records in the last valid answer */
  readonly records: number;
  /** records of the last valid answer that found no free slot (first few keys, and how many) */
  readonly leftOut: readonly string[];
  readonly leftOutCount: number;
  readonly problems: readonly DnsRecordProblem[];
  readonly nameserver?: string;
  readonly answers: number;
  readonly failures: number;
}

const LEFT_OUT_SAMPLE = 10;

export const initialServiceState: ServiceState = Object.freeze({ slots: [], records: 0, leftOut: [], leftOutCount: 0, problems: [], answers: 0, failures: 0 });

/** A valid answer: refresh the slots whose record is still there, free vanished ones, fill the rest. */
export function applyAnswer(state: ServiceState, answer: DnsValidAnswer, now: number, policy: SlotPolicy): ServiceState {
  const fresh = new Map<string, DnsRecord>();
  for (const record of answer.records) if (!fresh.has(record.key)) fresh.set(record.key, record);
  const slots: Array<Slot | undefined> = state.slots.slice(0, policy.slots).map((slot) => {
    if (!slot) return undefined;
    const record = fresh.get(slot.key);
    if (!record) return now < slot.lastSeen + policy.hold.obsolete ? slot : undefined;
    fresh.delete(slot.key);
    return refresh(slot, record, now, policy);
  });
  const waiting = [...fresh.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  let free = 0;
  let placed = 0;
  for (const record of waiting) {
    while (free < policy.slots && slots[free] !== undefined) free++;
    if (free >= policy.slots) break;
    const empty: Slot = { index: free, key: record.key, address: undefined, port: record.port, weight: record.weight, target: undefined, lastSeen: now, addressAt: undefined, targetFailure: undefined };
    slots[free] = refresh(empty, record, now, policy);
    placed++;
  }
  const leftOut = waiting.slice(placed);
  return {
    ...state, slots: trimmed(slots), lastAnswerAt: now, lastValidAt: now, failure: undefined, ttlSeconds: answer.ttlSeconds,
    records: answer.records.length, leftOut: leftOut.slice(0, LEFT_OUT_SAMPLE).map((r) => r.key), leftOutCount: leftOut.length,
    problems: answer.problems, nameserver: answer.nameserver, answers: state.answers + 1,
  };
}

/** A failed resolution: keep the servers while `hold.<status>` since the last valid answer runs. */
export function applyFailure(state: ServiceState, failure: DnsFailure, now: number, policy: SlotPolicy): ServiceState {
  const since = state.failure?.status === failure.status ? state.failure.since : now;
  const next: ServiceState = { ...state, lastAnswerAt: now, failure: { ...failure, since }, failures: state.failures + 1 };
  return expire(next, now, policy);
}

/** Lets held things go when their time is up (no resolution needed): failure holds, obsolete records, SRV target holds. */
export function expire(state: ServiceState, now: number, policy: SlotPolicy): ServiceState {
  if (state.failure && state.slots.length > 0) {
    const until = holdUntil(state, policy);
    if (until === undefined || now >= until) return { ...state, slots: [] };
  }
  let changed = false;
  const slots = state.slots.map((slot) => {
    if (!slot) return undefined;
    const end = slotExpiry(state, slot, policy);
    if (end === undefined || now < end) return slot;
    changed = true;
    return isObsolete(state, slot) ? undefined : withoutAddress(slot);
  });
  return changed ? { ...state, slots: trimmed(slots) } : state;
}

/** When the servers of a failing service go (`lastValidAt + hold.<status>`); undefined if never valid or not failing. */
export function holdUntil(state: ServiceState, policy: SlotPolicy): number | undefined {
  if (!state.failure || state.lastValidAt === undefined) return undefined;
  return state.lastValidAt + policy.hold[state.failure.status];
}

/** The next time `expire` would change something, if any. */
export function nextExpiry(state: ServiceState, policy: SlotPolicy): number | undefined {
  let next: number | undefined;
  const consider = (t: number | undefined) => {
    if (t !== undefined && (next === undefined || t < next)) next = t;
  };
  if (state.failure && state.slots.length > 0) consider(holdUntil(state, policy) ?? -Infinity);
  for (const slot of state.slots) if (slot) consider(slotExpiry(state, slot, policy));
  return next;
}

/** Slots that carry an address, in slot order: the servers. */
export function servingSlots(state: ServiceState): Array<Slot & { address: string }> {
  return state.slots.filter((s): s is Slot & { address: string } => s !== undefined && s.address !== undefined);
}

/** A record absent from the last valid answer, kept by `hold.obsolete`. */
export function isObsolete(state: ServiceState, slot: Slot): boolean {
  return state.lastValidAt !== undefined && slot.lastSeen < state.lastValidAt;
}

function slotExpiry(state: ServiceState, slot: Slot, policy: SlotPolicy): number | undefined {
  if (isObsolete(state, slot)) return slot.lastSeen + policy.hold.obsolete;
  if (slot.targetFailure && slot.address !== undefined) return (slot.addressAt ?? slot.lastSeen) + policy.hold[slot.targetFailure.status];
  return undefined;
}

/** Slots always have every field (undefined when absent): one object shape keeps thousands of them cheap. */
function refresh(slot: Slot, record: DnsRecord, now: number, policy: SlotPolicy): Slot {
  const make = (address: string | undefined, addressAt: number | undefined, targetFailure: HeldFailure | undefined): Slot => ({
    index: slot.index, key: slot.key, address, port: record.port, weight: record.weight, target: record.target, lastSeen: now, addressAt, targetFailure,
  });
  if (record.addresses.length > 0) {
    const address = slot.address !== undefined && record.addresses.includes(slot.address) ? slot.address : record.addresses[0]!;
    return make(address, now, undefined);
  }
  const failure = record.targetFailure ?? { status: 'other' as const, code: 'ENODATA', message: 'no address' };
  const since = slot.targetFailure?.status === failure.status ? slot.targetFailure.since : now;
  const held = slot.address !== undefined && slot.addressAt !== undefined && now < slot.addressAt + policy.hold[failure.status];
  return held ? make(slot.address, slot.addressAt, { ...failure, since }) : make(undefined, undefined, { ...failure, since });
}

function withoutAddress(slot: Slot): Slot {
  return { ...slot, address: undefined, addressAt: undefined };
}

function trimmed(slots: Array<Slot | undefined>): Array<Slot | undefined> {
  let end = slots.length;
  while (end > 0 && slots[end - 1] === undefined) end--;
  return end === slots.length ? slots : slots.slice(0, end);
}
