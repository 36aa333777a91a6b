import type { Diagnostic, DiagnosticSeverity } from '@wharf/config';

/** Stable diagnostic codes of the DNS provider (docs/errors.md, docs/dns.md). */
export const DnsDiagnosticCode = {
  options: 'WHARF_DNS_OPTIONS',
  badName: 'WHARF_DNS_BAD_NAME',
  badResolver: 'WHARF_DNS_BAD_RESOLVER',
  answer: 'WHARF_DNS_ANSWER',
  nx: 'WHARF_DNS_NXDOMAIN',
  refused: 'WHARF_DNS_REFUSED',
  timeout: 'WHARF_DNS_TIMEOUT',
  other: 'WHARF_DNS_ERROR',
  obsolete: 'WHARF_DNS_RECORD_OBSOLETE',
  slotsFull: 'WHARF_DNS_SLOTS_FULL',
  badRecord: 'WHARF_DNS_BAD_RECORD',
  tooManyRecords: 'WHARF_DNS_TOO_MANY_RECORDS',
  ttl: 'WHARF_DNS_TTL',
  srvTarget: 'WHARF_DNS_SRV_TARGET',
} as const;

export type DnsDiagnosticCode = (typeof DnsDiagnosticCode)[keyof typeof DnsDiagnosticCode];

export interface DnsDiagnosticInput {
  code: DnsDiagnosticCode | (string & {});
  severity: DiagnosticSeverity;
  message: string;
  key?: string;
  suggestion?: string;
  /** the service concerned (unqualified) */
  service?: string;
}

/** A diagnostic of the `dns` provider; `source` is the DNS name queried or the option path. */
export function dnsDiagnostic(source: string, input: DnsDiagnosticInput): Diagnostic {
  const d: Diagnostic = { provider: 'dns', source, code: input.code, severity: input.severity, message: input.message };
  if (input.key !== undefined) d.key = input.key;
  if (input.suggestion !== undefined) d.suggestion = input.suggestion;
  if (input.service !== undefined) d.element = { kind: 'service', name: input.service };
  return d;
}
