/**
 * The provider-local DTO (Traefik `data.go` style): what a resolution produced, in wharf's
 * terms, so no resolver library type reaches the state machine.
 */

/** HAProxy's invalid statuses, each with its own `hold`. */
export type DnsFailureStatus = 'nx' | 'refused' | 'timeout' | 'other';
export type DnsStatus = 'valid' | DnsFailureStatus;

export interface DnsFailure {
  status: DnsFailureStatus;
  /** the resolver's code: ENOTFOUND, EREFUSED, ETIMEOUT, ECONNREFUSED, ENODATA, ESERVFAIL, EBADRESP, … */
  code: string;
  message: string;
}

/** One record of a valid answer, keyed for slot matching. */
export interface DnsRecord {
  /** the slot identity: the address (A/AAAA) or `target:port` (SRV) */
  key: string;
  /** addresses the record stands for, sorted; one for A/AAAA, the target's for SRV (empty when the target failed) */
  addresses: string[];
  port: number;
  weight: number;
  /** SRV target host name (lower case) */
  target?: string;
  /** SRV only: why the target has no address this time */
  targetFailure?: DnsFailure;
}

/** A record that was dropped from an answer, named for the diagnostic. */
export interface DnsRecordProblem {
  code: string;
  /** the record as the answer spelt it (`10.0.0.1`, `0 5 80 web.example.`) */
  record: string;
  message: string;
}

export interface DnsValidAnswer {
  status: 'valid';
  records: DnsRecord[];
  /** the smallest TTL of the records, in seconds (after RFC 2181 clamping); absent when unknown */
  ttlSeconds?: number;
  problems: DnsRecordProblem[];
  /** the nameserver that answered */
  nameserver?: string;
}

export type DnsAnswer = DnsValidAnswer | ({ status: DnsFailureStatus; nameserver?: string } & DnsFailure);

/** Raw records as a resolver returns them, before validation. */
export interface RawAddressRecord {
  address: unknown;
  ttl?: unknown;
}

export interface RawSrvRecord {
  name: unknown;
  port: unknown;
  weight: unknown;
  priority?: unknown;
}
