import type { AnswerCache } from './answer-cache.js';
import { addressRecords, srvEntries } from './answer-records.js';
import type { DnsClient, QueryResult } from './dns-client.js';
import type { DnsAnswer, DnsFailure, DnsRecord, DnsRecordProblem, RawAddressRecord } from './dns-data.js';
import type { ResolvedDnsService } from './resolve-options.js';

export interface LookupContext {
  client: DnsClient;
  cache: AnswerCache;
  /** queries per resolution (`resolveRetries`) */
  retries: number;
  /** per query; failed attempts are spaced by it (`timeout retry`) */
  timeoutMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  signal: AbortSignal;
}

type AddressResult = QueryResult<RawAddressRecord> & { family?: 4 | 6 };

/** SRV targets resolved at once per service. */
const TARGET_CONCURRENCY = 16;

/** Sends `attempt` up to `retries` times until it succeeds, at most one attempt per `timeoutMs`. */
async function withRetries<T extends { ok: boolean }>(attempt: () => Promise<T>, ctx: LookupContext): Promise<T> {
  let started = ctx.now();
  let result = await attempt();
  for (let i = 1; i < ctx.retries && !result.ok && !ctx.signal.aborted; i++) {
    const waited = ctx.now() - started;
    if (waited < ctx.timeoutMs) await ctx.sleep(ctx.timeoutMs - waited);
    if (ctx.signal.aborted) break;
    started = ctx.now();
    result = await attempt();
  }
  return result;
}

/** A, then AAAA when the name has no A record (HAProxy `resolve-prefer ipv4` with family fallback). */
async function addressAttempt(name: string, ctx: LookupContext): Promise<AddressResult> {
  const a = await ctx.client.queryAddresses(name, 'A');
  if (a.ok) return a.records.length > 0 ? { ...a, family: 4 } : a;
  if (a.failure.code !== 'ENODATA') return a;
  const aaaa = await ctx.client.queryAddresses(name, 'AAAA');
  return aaaa.ok && aaaa.records.length > 0 ? { ...aaaa, family: 6 } : a;
}

function resolveAddresses(name: string, maxAgeMs: number, ctx: LookupContext): Promise<AddressResult> {
  return ctx.cache.get(`A/AAAA ${name.toLowerCase()}`, maxAgeMs, () => withRetries(() => addressAttempt(name, ctx), ctx));
}

/**
 * One resolution of a service: its answer in the provider's DTO (never throws). `maxAgeMs` is
 * how old a shared answer (hold.valid) may be for this requester: its re-resolve period.
 */
export async function lookupService(service: ResolvedDnsService, maxAgeMs: number, ctx: LookupContext): Promise<DnsAnswer> {
  try {
    return service.type === 'SRV' ? await lookupSrv(service, maxAgeMs, ctx) : await lookupAddresses(service, maxAgeMs, ctx);
  } catch (err) {
    const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : 'EUNKNOWN';
    return { status: 'other', code, message: err instanceof Error ? err.message : String(err) };
  }
}

async function lookupAddresses(service: ResolvedDnsService, maxAgeMs: number, ctx: LookupContext): Promise<DnsAnswer> {
  const result = await resolveAddresses(service.name, maxAgeMs, ctx);
  if (!result.ok) return { ...result.failure, nameserver: result.nameserver };
  const { records, problems, ttlSeconds } = addressRecords(result.records, service.port, result.family ?? 4, service.name);
  return { status: 'valid', records, problems, nameserver: result.nameserver, ...(ttlSeconds !== undefined ? { ttlSeconds } : {}) };
}

async function lookupSrv(service: ResolvedDnsService, maxAgeMs: number, ctx: LookupContext): Promise<DnsAnswer> {
  const result = await ctx.cache.get(`SRV ${service.name.toLowerCase()}`, maxAgeMs, () => withRetries(() => ctx.client.querySrv(service.name), ctx));
  if (!result.ok) return { ...result.failure, nameserver: result.nameserver };
  const { entries, problems } = srvEntries(result.records, service.name);
  const targets = new Map<string, TargetAddresses>();
  await forEachLimited([...new Set(entries.map((e) => e.target))], TARGET_CONCURRENCY, async (target) => {
    targets.set(target, targetAddresses(target, await resolveAddresses(target, maxAgeMs, ctx), problems));
  });
  let ttlSeconds: number | undefined;
  const records = entries.map((entry): DnsRecord => {
    const found = targets.get(entry.target)!;
    if (found.ttlSeconds !== undefined) ttlSeconds = Math.min(ttlSeconds ?? found.ttlSeconds, found.ttlSeconds);
    const record = { key: entry.key, port: entry.port, weight: entry.weight, target: entry.target, addresses: found.addresses };
    return found.failure ? { ...record, targetFailure: found.failure } : record;
  });
  return { status: 'valid', records, problems, nameserver: result.nameserver, ...(ttlSeconds !== undefined ? { ttlSeconds } : {}) };
}

interface TargetAddresses {
  addresses: string[];
  ttlSeconds?: number;
  failure?: DnsFailure;
}

/** An SRV target's addresses (sorted), or why it has none; its bad records join the answer's problems. */
function targetAddresses(target: string, result: AddressResult, problems: DnsRecordProblem[]): TargetAddresses {
  if (!result.ok) return { addresses: [], failure: result.failure };
  const found = addressRecords(result.records, 0, result.family ?? 4, target);
  problems.push(...found.problems.map((p) => ({ ...p, record: `${p.record} (target ${target})` })));
  const addresses = found.records.map((r) => r.key).sort();
  const ttl = found.ttlSeconds !== undefined ? { ttlSeconds: found.ttlSeconds } : {};
  if (addresses.length === 0) return { addresses, ...ttl, failure: { status: 'other', code: 'ENODATA', message: 'no usable address' } };
  return { addresses, ...ttl };
}

async function forEachLimited<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await run(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
