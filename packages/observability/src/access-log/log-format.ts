import type { RequestRecord } from '@wharf/config';
import type { FieldFilter } from './field-filter.js';
import { buildLogFields, type LogFields } from './log-entry.js';
import type { AccessLogFormat } from './access-log-options.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `24/Nov/2026:23:00:00 +0000` (Go's `02/Jan/2006:15:04:05 -0700`, in UTC). */
function clfTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
}

const dash = (v: string | number | undefined) => (v === undefined || v === '' ? '-' : String(v));
const quoted = (v: string | number | undefined) => `"${dash(v).replace(/["\\]/g, (c) => `\\${c}`)}"`;

function clfHead(f: LogFields, r: RequestRecord, filter: FieldFilter): string {
  const request = `"${dash(f.RequestMethod)} ${dash(f.RequestPath)} ${dash(f.RequestProtocol)}"`;
  const time = f.StartUTC === undefined ? '-' : `[${clfTime(r.startTime)}]`;
  const referer = quoted(filter.clfHeader(r.requestHeaders, 'referer'));
  const ua = quoted(filter.clfHeader(r.requestHeaders, 'user-agent'));
  return `${dash(f.ClientHost)} - ${dash(f.ClientUsername)} ${time} ${request} ${dash(f.DownstreamStatus)} ${dash(f.DownstreamContentSize)} ${referer} ${ua}`;
}

/** One access-log line (with its trailing newline) in the configured format. */
export function formatLine(format: AccessLogFormat, r: RequestRecord, count: number, filter: FieldFilter): string {
  const f = buildLogFields(r, count, filter);
  if (format === 'json') return `${JSON.stringify({ ...f, level: 'info', msg: '', time: new Date().toISOString() })}\n`;
  const head = clfHead(f, r, filter);
  if (format === 'genericCLF') return `${head}\n`;
  const ms = typeof f.Duration === 'number' ? Math.floor(f.Duration / 1e6) : '-';
  return `${head} ${dash(f.RequestCount)} ${quoted(f.RouterName)} ${quoted(f.ServiceURL)} ${ms}ms\n`;
}
