import type { DnsFailureStatus } from './dns-data.js';
import { formatTime, hostPort } from './format.js';
import { MAX_SLOTS } from './options.js';
import { holdUntil, isObsolete, servingSlots } from './slot-table.js';
import type { WatchedService } from './watch.js';

/** One slot as the providers view shows it (HAProxy's `show servers state` for a template). */
export interface DnsSlotStatus {
  /** 1-based, as HAProxy numbers template servers */
  slot: number;
  record: string;
  /** `ip:port` when the slot serves */
  server?: string;
  weight: number;
  target?: string;
  lastSeenAt: string;
  /** missing from the last answer, kept by hold.obsolete */
  obsolete: boolean;
}

export interface DnsServiceStatus {
  service: string;
  name: string;
  type: 'A/AAAA' | 'SRV';
  status: 'pending' | 'valid' | DnsFailureStatus;
  resolving: boolean;
  nameserver?: string;
  lastAnswerAt?: string;
  lastValidAt?: string;
  nextResolutionAt?: string;
  ttlSeconds?: number;
  failure?: { status: DnsFailureStatus; code: string; message: string; since: string; holdUntil?: string };
  /** valid answers and failed resolutions since start */
  answers: number;
  failures: number;
  records: number;
  servers: number;
  slots: { used: number; max: number | null };
  table: DnsSlotStatus[];
}

export interface DnsProviderStatus {
  nameservers: string[];
  services: DnsServiceStatus[];
}

const iso = (t: number | undefined) => (t === undefined ? undefined : formatTime(t));

/** What the providers view needs beyond the snapshot: answer times, counts, the slot table. */
export function describeStatus(nameservers: readonly string[], views: readonly WatchedService[]): DnsProviderStatus {
  return { nameservers: [...nameservers], services: views.map(serviceStatus) };
}

function serviceStatus(view: WatchedService): DnsServiceStatus {
  const { service, state, policy } = view;
  const out: DnsServiceStatus = {
    service: service.service, name: service.name, type: service.type,
    status: state.failure ? state.failure.status : state.answers > 0 ? 'valid' : 'pending',
    resolving: view.resolving, answers: state.answers, failures: state.failures, records: state.records,
    servers: servingSlots(state).length,
    slots: { used: state.slots.filter(Boolean).length, max: policy.slots >= MAX_SLOTS ? null : policy.slots },
    table: state.slots.flatMap((s) => (s ? [{
      slot: s.index + 1, record: s.key, weight: s.weight, lastSeenAt: formatTime(s.lastSeen), obsolete: isObsolete(state, s),
      ...(s.address !== undefined ? { server: hostPort(s.address, s.port) } : {}), ...(s.target ? { target: s.target } : {}),
    }] : [])),
  };
  const optional = {
    nameserver: state.nameserver, lastAnswerAt: iso(state.lastAnswerAt), lastValidAt: iso(state.lastValidAt),
    nextResolutionAt: iso(view.nextResolutionAt), ttlSeconds: state.ttlSeconds,
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  if (state.failure) {
    const until = holdUntil(state, policy);
    out.failure = { status: state.failure.status, code: state.failure.code, message: state.failure.message, since: formatTime(state.failure.since), ...(until !== undefined ? { holdUntil: formatTime(until) } : {}) };
  }
  return out;
}
