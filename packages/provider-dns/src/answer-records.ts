import { isIP } from 'node:net';
import { DnsDiagnosticCode } from './diagnostics.js';
import type { DnsRecord, DnsRecordProblem, RawAddressRecord, RawSrvRecord } from './dns-data.js';
import { canonicalHost, hostnameProblem } from './hostname.js';
import { MAX_SLOTS } from './options.js';

/** At most this many records of one answer are looked at (a 64 KiB TCP answer holds ~4,000 A records). */
export const MAX_RECORDS = MAX_SLOTS;
/** RFC 2181 §8: a TTL with the top bit set is treated as zero. */
const MAX_TTL = 2 ** 31 - 1;

export interface AddressRecords {
  records: DnsRecord[];
  problems: DnsRecordProblem[];
  ttlSeconds?: number;
}

/** An SRV record that passed validation; its target still needs addresses. */
export interface SrvEntry {
  key: string;
  target: string;
  port: number;
  weight: number;
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The TTL in seconds a resolver reported, or a problem when it is not a sane 32-bit TTL. */
function ttlOf(raw: unknown, record: string, problems: DnsRecordProblem[]): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0) {
    problems.push({ code: DnsDiagnosticCode.ttl, record, message: `TTL ${describe(raw)} is not a number of seconds; treated as 0` });
    return 0;
  }
  if (raw > MAX_TTL) {
    problems.push({ code: DnsDiagnosticCode.ttl, record, message: `TTL ${raw} has the top bit set; treated as 0 (RFC 2181 §8)` });
    return 0;
  }
  return raw;
}

function capped<T>(items: readonly T[], problems: DnsRecordProblem[], what: string): readonly T[] {
  if (items.length <= MAX_RECORDS) return items;
  problems.push({ code: DnsDiagnosticCode.tooManyRecords, record: what, message: `the answer has ${items.length} records; only the first ${MAX_RECORDS} are used` });
  return items.slice(0, MAX_RECORDS);
}

/** A/AAAA records → slot records on `port`; bad addresses are dropped, duplicates merged. */
export function addressRecords(raw: readonly RawAddressRecord[], port: number, family: 4 | 6, query: string): AddressRecords {
  const problems: DnsRecordProblem[] = [];
  const seen = new Set<string>();
  const records: DnsRecord[] = [];
  let ttlSeconds: number | undefined;
  for (const item of capped(raw, problems, query)) {
    const address = typeof item?.address === 'string' ? item.address.toLowerCase() : undefined;
    if (address === undefined || isIP(address) !== family) {
      problems.push({ code: DnsDiagnosticCode.badRecord, record: describe(item?.address), message: `is not an IPv${family} address; the record is ignored` });
      continue;
    }
    const ttl = ttlOf(item.ttl, address, problems);
    if (ttl !== undefined) ttlSeconds = Math.min(ttlSeconds ?? ttl, ttl);
    if (seen.has(address)) continue;
    seen.add(address);
    records.push({ key: address, addresses: [address], port, weight: 1 });
  }
  return ttlSeconds === undefined ? { records, problems } : { records, problems, ttlSeconds };
}

/**
 * SRV records → entries (target, port, weight); priority is ignored, as in HAProxy. A target of
 * "." (RFC 2782: service decidedly not available), a bad name or port is dropped with a problem.
 * When every weight is 0 they are served equally (RFC 2782), otherwise weight 0 is never picked.
 */
export function srvEntries(raw: readonly RawSrvRecord[], query: string): { entries: SrvEntry[]; problems: DnsRecordProblem[] } {
  const problems: DnsRecordProblem[] = [];
  const entries: SrvEntry[] = [];
  const seen = new Set<string>();
  for (const item of capped(raw, problems, query)) {
    const spelled = `${describe(item?.priority)} ${describe(item?.weight)} ${describe(item?.port)} ${describe(item?.name)}`;
    const problem = srvProblem(item);
    if (problem) {
      problems.push({ code: DnsDiagnosticCode.badRecord, record: spelled, message: `${problem}; the record is ignored` });
      continue;
    }
    const target = canonicalHost(item.name as string);
    const key = `${target}:${item.port as number}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push({ key, target, port: item.port as number, weight: item.weight as number });
  }
  if (entries.length > 0 && entries.every((e) => e.weight === 0)) for (const e of entries) e.weight = 1;
  return { entries, problems };
}

function srvProblem(item: RawSrvRecord | undefined): string | undefined {
  if (!item || typeof item.name !== 'string') return 'has no target';
  if (item.name === '' || item.name === '.') return 'has the target "." (the service is not available there)';
  const nameProblem = hostnameProblem(item.name);
  if (nameProblem) return `target ${nameProblem}`;
  if (typeof item.port !== 'number' || !Number.isInteger(item.port) || item.port < 1 || item.port > 65535) return `port ${describe(item.port)} is not 1–65535`;
  if (typeof item.weight !== 'number' || !Number.isInteger(item.weight) || item.weight < 0 || item.weight > 65535) return `weight ${describe(item.weight)} is not 0–65535`;
  return undefined;
}
