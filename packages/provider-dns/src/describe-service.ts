import type { Diagnostic } from '@wharf/config';
import { dnsDiagnostic, DnsDiagnosticCode, type DnsDiagnosticCode as Code } from './diagnostics.js';
import type { DnsFailureStatus } from './dns-data.js';
import { formatDuration, formatTime, hostPort, sample } from './format.js';
import type { ResolvedDnsService } from './resolve-options.js';
import { MAX_SLOTS } from './options.js';
import { TTL_FLOOR_MS } from './schedule.js';
import { holdUntil, isObsolete, servingSlots, type HeldFailure, type ServiceState, type SlotPolicy } from './slot-table.js';

const FAILURE_CODE: Record<DnsFailureStatus, Code> = {
  nx: DnsDiagnosticCode.nx,
  refused: DnsDiagnosticCode.refused,
  timeout: DnsDiagnosticCode.timeout,
  other: DnsDiagnosticCode.other,
};
const STATUS_TEXT: Record<DnsFailureStatus, string> = { nx: 'NXDOMAIN', refused: 'REFUSED', timeout: 'no answer', other: 'error' };
const MAX_LISTED = 10;

/** `A/AAAA whoami`, `SRV _http._tcp.whoami` */
function queryLabel(service: ResolvedDnsService): string {
  return `${service.type} ${service.name}`;
}

function failureText(f: HeldFailure): string {
  return `${STATUS_TEXT[f.status]} (${f.code}${f.message ? `: ${f.message}` : ''})`;
}

/**
 * What a user should see about one service, from its state alone: the answer, a failure and
 * its hold, records left out or kept by `hold.obsolete`, bad records, SRV targets without an
 * address. Messages carry no per-query times (`now` only tells whether a hold ran out), so an
 * unchanged state gives an equal snapshot.
 */
export function serviceDiagnostics(service: ResolvedDnsService, state: ServiceState, policy: SlotPolicy, now: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  const push = (code: Code | (string & {}), severity: Diagnostic['severity'], message: string, key?: string) =>
    out.push(dnsDiagnostic(service.name, { code, severity, message: `${queryLabel(service)}: ${message}`, service: service.service, ...(key ? { key } : {}) }));
  const servers = servingSlots(state);
  if (state.failure) {
    push(FAILURE_CODE[state.failure.status], servers.length > 0 ? 'warning' : 'error', failureMessage(state, state.failure, servers.length, policy, now));
  } else if (state.answers > 0) {
    const cap = policy.slots >= MAX_SLOTS ? 'unlimited' : `${policy.slots}`;
    const list = sample(servers.map((s) => hostPort(s.address, s.port)));
    push(DnsDiagnosticCode.answer, 'info', `${state.records} record(s) → ${servers.length} server(s), slots used ${state.slots.filter(Boolean).length} of ${cap}${list ? `: ${list}` : ''}`);
  }
  if (state.leftOutCount > 0) {
    push(DnsDiagnosticCode.slotsFull, 'warning', `${state.leftOutCount} record(s) found no free slot (slots: ${policy.slots}): ${sample(state.leftOut, state.leftOutCount)}`);
  }
  let listed = 0;
  for (const slot of state.slots) {
    if (!slot || listed >= MAX_LISTED) continue;
    if (isObsolete(state, slot)) {
      listed++;
      push(DnsDiagnosticCode.obsolete, 'info', `${slot.key} (slot ${slot.index + 1}) is missing from the answer since ${formatTime(slot.lastSeen)}; kept until ${formatTime(slot.lastSeen + policy.hold.obsolete)} (hold.obsolete ${formatDuration(policy.hold.obsolete)})`, slot.key);
    } else if (slot.targetFailure) {
      listed++;
      const kept = slot.address !== undefined
        ? `keeping ${slot.address} until ${formatTime((slot.addressAt ?? slot.lastSeen) + policy.hold[slot.targetFailure.status])} (hold.${slot.targetFailure.status})`
        : 'the slot has no address';
      push(DnsDiagnosticCode.srvTarget, 'warning', `target ${slot.target ?? slot.key} (slot ${slot.index + 1}): ${failureText(slot.targetFailure)} since ${formatTime(slot.targetFailure.since)}; ${kept}`, slot.key);
    }
  }
  for (const p of state.problems.slice(0, MAX_LISTED)) push(p.code, 'warning', `record ${p.record} ${p.message}`, p.record);
  if (state.problems.length > MAX_LISTED) push(DnsDiagnosticCode.badRecord, 'warning', `${state.problems.length - MAX_LISTED} more record problem(s) not listed`);
  if (!state.failure && state.ttlSeconds !== undefined && state.ttlSeconds * 1000 < TTL_FLOOR_MS && service.intervalMs > TTL_FLOOR_MS) {
    push(DnsDiagnosticCode.ttl, 'info', `answer TTL ${state.ttlSeconds}s is below the ${formatDuration(TTL_FLOOR_MS)} floor; re-resolving every ${formatDuration(TTL_FLOOR_MS)}`);
  }
  return out;
}

function failureMessage(state: ServiceState, failure: HeldFailure, servers: number, policy: SlotPolicy, now: number): string {
  const head = `${failureText(failure)} since ${formatTime(failure.since)}`;
  const hold = `hold.${failure.status} ${formatDuration(policy.hold[failure.status])}`;
  const until = holdUntil(state, policy);
  if (state.lastValidAt === undefined || until === undefined) return `${head}; no servers: no valid answer yet`;
  const after = `after the last valid answer at ${formatTime(state.lastValidAt)}`;
  if (servers > 0) return `${head}; keeping ${servers} server(s) until ${formatTime(until)} (${hold} ${after})`;
  if (now < until) return `${head}; no servers to keep: the last valid answer at ${formatTime(state.lastValidAt)} had no usable record`;
  return `${head}; no servers: ${hold} ${after} ran out at ${formatTime(until)}`;
}
