import type { IncomingHttpHeaders } from 'node:http';
import { headerValue } from '@wharf/config';
import { REDACTED, SENSITIVE_HEADERS, type AccessLogFieldsOptions, type FieldMode } from './access-log-options.js';

/** Decides per field and per header whether to keep, drop or redact (compiled once). */
export interface FieldFilter {
  field(name: string): FieldMode;
  /** `request_<Header>` entries that survive the header filter, values redacted as configured */
  headers(headers: IncomingHttpHeaders): Record<string, string>;
  /** the value of one header for the CLF line ('-' when dropped, REDACTED when redacted) */
  clfHeader(headers: IncomingHttpHeaders, name: string): string;
}

/** `user-agent` → `User-Agent`, as Go's canonical header keys (Traefik's `request_User-Agent`). */
function canonicalHeader(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

export function createFieldFilter(opts: AccessLogFieldsOptions = {}): FieldFilter {
  const fieldDefault = opts.defaultMode ?? 'keep';
  const fieldNames = new Map(Object.entries(opts.names ?? {}));
  const headerDefault = opts.headers?.defaultMode ?? 'drop';
  const headerNames = new Map(Object.entries(opts.headers?.names ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const headerMode = (lower: string): FieldMode => {
    const named = headerNames.get(lower);
    if (named !== undefined) return named;
    return headerDefault === 'keep' && SENSITIVE_HEADERS.has(lower) ? 'redact' : headerDefault;
  };
  return {
    field: (name) => fieldNames.get(name) ?? fieldDefault,
    headers(headers) {
      const out: Record<string, string> = {};
      if (headerDefault === 'drop' && headerNames.size === 0) return out;
      for (const [k, v] of Object.entries(headers)) {
        const mode = headerMode(k);
        const value = headerValue(v);
        if (mode === 'drop' || value === undefined) continue;
        out[`request_${canonicalHeader(k)}`] = mode === 'redact' ? REDACTED : value;
      }
      return out;
    },
    clfHeader(headers, name) {
      // CLF always shows Referer and User-Agent (Traefik) unless the header is named drop/redact
      const mode = headerNames.get(name) ?? 'keep';
      if (mode === 'drop') return '-';
      if (mode === 'redact') return REDACTED;
      return headerValue(headers[name]) || '-';
    },
  };
}
