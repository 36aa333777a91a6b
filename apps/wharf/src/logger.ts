import { createWriteStream } from 'node:fs';
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

export interface LogOptions {
  level?: string;
  /** `common` (one readable line) or `json` */
  format?: string;
  filePath?: string;
}

const LEVELS: Record<number, string> = { 10: 'TRC', 20: 'DBG', 30: 'INF', 40: 'WRN', 50: 'ERR', 60: 'FTL' };
const SKIP = new Set(['level', 'time', 'msg', 'pid', 'hostname']);

/** Renders pino's JSON lines as `2026-11-24T23:59:59Z INF message key=value`. */
function commonFormat(out: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      try {
        const rec = JSON.parse(chunk.toString()) as Record<string, unknown>;
        let line = `${new Date(rec.time as number).toISOString()} ${LEVELS[rec.level as number] ?? rec.level} ${rec.msg ?? ''}`;
        for (const [k, v] of Object.entries(rec)) {
          if (SKIP.has(k)) continue;
          line += ` ${k}=${typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v)}`;
        }
        out.write(line + '\n');
      } catch {
        out.write(chunk);
      }
      done();
    },
  });
}

/** Structured logs (pino); Traefik's level names (DEBUG, INFO, WARN, ERROR, FATAL, PANIC). */
export function createLogger(options: LogOptions = {}): Logger {
  const level = mapLevel(options.level ?? 'ERROR');
  const dest = options.filePath ? createWriteStream(options.filePath, { flags: 'a' }) : process.stdout;
  if ((options.format ?? 'common').toLowerCase() === 'json') {
    // Traefik's (zerolog) JSON shape, so existing pipelines parse it: {"level":"info","time":"…","message":"…"}
    return pino(
      { level, base: undefined, messageKey: 'message', timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } },
      dest,
    );
  }
  return pino({ level, base: undefined }, commonFormat(dest));
}

function mapLevel(level: string): string {
  switch (level.toUpperCase()) {
    case 'TRACE': return 'trace';
    case 'DEBUG': return 'debug';
    case 'INFO': return 'info';
    case 'WARN': case 'WARNING': return 'warn';
    case 'FATAL': case 'PANIC': return 'fatal';
    default: return 'error';
  }
}
