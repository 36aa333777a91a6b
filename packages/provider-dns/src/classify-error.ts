import type { DnsFailure, DnsFailureStatus } from './dns-data.js';

/** c-ares error codes (Node `dns` module) → HAProxy's resolution statuses, with a plain-words reason. */
const KNOWN: Record<string, [DnsFailureStatus, string]> = {
  ENOTFOUND: ['nx', 'the name does not exist'],
  EREFUSED: ['refused', 'the nameserver refused the query'],
  ETIMEOUT: ['timeout', 'no answer within the timeout'],
  ECONNREFUSED: ['timeout', 'the nameserver port is closed'],
  EEOF: ['timeout', 'the nameserver closed the connection'],
  ENODATA: ['other', 'no record of this type'],
  ESERVFAIL: ['other', 'the nameserver failed (SERVFAIL)'],
  EBADRESP: ['other', 'malformed answer'],
  EFORMERR: ['other', 'the nameserver could not parse the query (FORMERR)'],
  ENOTIMP: ['other', 'the nameserver does not implement this query'],
  EBADNAME: ['other', 'the name is not a valid DNS name'],
};

/** Classifies a resolver rejection; anything unknown is `other` (hold.other), never a crash. */
export function classifyResolverError(err: unknown): DnsFailure {
  const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : 'EUNKNOWN';
  const known = KNOWN[code];
  if (known) return { status: known[0], code, message: known[1] };
  const message = err instanceof Error ? err.message : String(err);
  return { status: 'other', code, message: message.length > 120 ? `${message.slice(0, 117)}...` : message };
}
