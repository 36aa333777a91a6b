import type { TcpConnectionRecord } from '@wharf/config';
import type { AccessLogFormat } from './access-log-options.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const clfTime = (ms: number): string => {
  const d = new Date(ms);
  return `${pad2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
};
const quoted = (v: string | undefined) => `"${(v === undefined || v === '' ? '-' : v).replace(/["\\]/g, (c) => `\\${c}`)}"`;
/** `ip:port` → ip (IPv6 addresses keep their colons) */
const hostOf = (addr: string) => addr.slice(0, Math.max(0, addr.lastIndexOf(':'))) || addr;

/**
 * One TCP access-log line (wharf's own: Traefik logs no TCP connections). `json`: Traefik-style
 * field names plus `Protocol: "TCP"`. `common`/`genericCLF`:
 * `<client> - - [<time>] "TCP <entrypoint> <tls>" <bytesIn> <bytesOut> <count> "<router>" "<service>" "<server>" <ms>ms "<error>"`.
 */
export function formatTcpLine(format: AccessLogFormat, r: TcpConnectionRecord, count: number): string {
  if (format === 'json') {
    return `${JSON.stringify({
      Protocol: 'TCP',
      ClientAddr: r.clientAddr,
      ClientHost: hostOf(r.clientAddr),
      EntryPointName: r.entryPoint,
      RouterName: r.router,
      ServiceName: r.service,
      ...(r.server !== undefined && { ServiceAddr: r.server }),
      TLS: r.tls,
      BytesIn: r.bytesIn,
      BytesOut: r.bytesOut,
      StartUTC: new Date(r.startTime).toISOString(),
      Duration: Math.round(r.durationMs * 1e6),
      ConnectionCount: count,
      ...(r.error !== undefined && { Error: r.error }),
      level: 'info',
      msg: '',
      time: new Date().toISOString(),
    })}\n`;
  }
  return `${hostOf(r.clientAddr)} - - [${clfTime(r.startTime)}] "TCP ${r.entryPoint} ${r.tls}" ${r.bytesIn} ${r.bytesOut} ${count} ${quoted(r.router)} ${quoted(r.service)} ${quoted(r.server)} ${Math.round(r.durationMs)}ms ${quoted(r.error)}\n`;
}
