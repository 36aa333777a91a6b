import { promises as dns } from 'node:dns';
import type { DnsFailure, RawAddressRecord, RawSrvRecord } from './dns-data.js';
import { classifyResolverError } from './classify-error.js';
import type { NameserverAddress } from './resolver-address.js';

type DnsRecordType = 'A' | 'AAAA' | 'SRV';

export type QueryResult<T> =
  | { ok: true; records: T[]; nameserver: string }
  | { ok: false; failure: DnsFailure; nameserver?: string };

/** One query sent to every nameserver at once (HAProxy): the first valid answer wins, else the last failure. */
export interface DnsClient {
  queryAddresses(name: string, type: 'A' | 'AAAA'): Promise<QueryResult<RawAddressRecord>>;
  querySrv(name: string): Promise<QueryResult<RawSrvRecord>>;
  /** Settles every query in flight (as ECANCELLED failures). */
  cancel(): void;
  readonly nameservers: readonly string[];
}

/**
 * The thin shell over Node's c-ares resolver: one `Resolver` per nameserver, `tries: 1` and
 * `timeout` per query, so retries and their spacing are ours (HAProxy's `resolve_retries` and
 * `timeout retry`), not c-ares' doubling back-off. c-ares validates answers (id, question,
 * format), retries truncated answers over TCP and bounds them to 64 KiB.
 */
export function createAresClient(nameservers: readonly NameserverAddress[], timeoutMs: number): DnsClient {
  const resolvers = nameservers.map((ns) => {
    const resolver = new dns.Resolver({ timeout: Math.max(1, Math.round(timeoutMs)), tries: 1 });
    resolver.setServers([ns.server]);
    return { resolver, server: ns.server };
  });
  function race<T>(run: (r: InstanceType<typeof dns.Resolver>) => Promise<T[]>): Promise<QueryResult<T>> {
    return new Promise((resolve) => {
      if (resolvers.length === 0) return resolve({ ok: false, failure: { status: 'other', code: 'ENOSERVERS', message: 'no nameserver' } });
      let pending = resolvers.length;
      for (const { resolver, server } of resolvers) {
        run(resolver).then(
          (records) => resolve({ ok: true, records, nameserver: server }),
          (err: unknown) => {
            if (--pending === 0) resolve({ ok: false, failure: classifyResolverError(err), nameserver: server });
          },
        );
      }
    });
  }
  return {
    nameservers: resolvers.map((r) => r.server),
    queryAddresses: (name, type) =>
      race<RawAddressRecord>((r) => (type === 'A' ? r.resolve4(name, { ttl: true }) : r.resolve6(name, { ttl: true }))),
    querySrv: (name) => race<RawSrvRecord>((r) => r.resolveSrv(name)),
    cancel: () => {
      for (const { resolver } of resolvers) resolver.cancel();
    },
  };
}
