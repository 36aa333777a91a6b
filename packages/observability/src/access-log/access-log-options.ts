import type { AccessLogFilters } from './log-filters.js';

/** `accessLog.*` (Traefik names and defaults). */
export type FieldMode = 'keep' | 'drop' | 'redact';
export type AccessLogFormat = 'common' | 'json' | 'genericCLF';

export interface AccessLogFieldsOptions {
  /** default 'keep' */
  defaultMode?: FieldMode;
  /** per field (Traefik names, e.g. `ClientUsername`, `StartLocal`) */
  names?: Readonly<Record<string, FieldMode>>;
  headers?: {
    /** default 'drop' */
    defaultMode?: FieldMode;
    /** per request header, case-insensitive (e.g. `User-Agent: keep`, `Authorization: redact`) */
    names?: Readonly<Record<string, FieldMode>>;
  };
}

export interface AccessLogOptions {
  /** default: stdout */
  filePath?: string;
  /** default 'common' */
  format?: AccessLogFormat;
  /**
   * Lines queued for the writer. 0 (Traefik's default) = wharf's default queue of 10 000 lines.
   * The request path never waits: a full queue drops the line and counts it (`dropped()`).
   */
  bufferingSize?: number;
  fields?: AccessLogFieldsOptions;
  /** Traefik's `accessLog.filters` (statusCodes, retryAttempts, minDuration in ms) */
  filters?: AccessLogFilters;
  /** wharf: also one line per TCP connection at its close (off by default; Traefik has no TCP access log) */
  tcp?: boolean;
  /** an already open destination (tests, custom sinks); overrides `filePath` */
  stream?: NodeJS.WritableStream;
  /** called once when the destination fails (e.g. the disk is full) */
  onError?: (err: Error) => void;
}

export const DEFAULT_QUEUE_LINES = 10_000;
export const REDACTED = 'REDACTED';
/** headers that `defaultMode: keep` still redacts unless named explicitly (wharf: safer than Traefik) */
export const SENSITIVE_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);
