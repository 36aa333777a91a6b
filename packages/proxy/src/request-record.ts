import type { ServerResponse } from 'node:http';
import type { RequestObserver, RequestRecord, RequestTls } from '@wharf/config';
import { connectionTls, type TlsConnectionLike } from '@wharf/tls';
import type { Exchange } from './exchange.js';

const kRecord = Symbol('wharf.record');
const kLastRead = Symbol('wharf.lastRead');
const kLastWritten = Symbol('wharf.lastWritten');
const kTls = Symbol('wharf.tls');

/** per-socket counters at the end of the previous request (keep-alive), so heads are counted */
type CountedSocket = { bytesRead: number; bytesWritten: number; [kLastRead]?: number; [kLastWritten]?: number };

/** a TLS socket (HTTP/2's request socket is a proxy that reads and writes these on the session's socket) */
type TlsAwareSocket = Partial<TlsConnectionLike> & { encrypted?: boolean; [kTls]?: RequestTls };

/**
 * The connection's TLS version and cipher, read once per TLS socket and kept on it; a plaintext
 * socket costs one property read.
 */
function tlsOf(socket: TlsAwareSocket): RequestTls | undefined {
  if (socket.encrypted !== true) return undefined;
  return (socket[kTls] ??= connectionTls(socket as TlsConnectionLike));
}

interface RecordState {
  ex: Exchange;
  /** captured at accept: `req.socket` is detached (null) once the response finished */
  socket: CountedSocket;
  tls: RequestTls | undefined;
  observers: readonly RequestObserver[];
  status: number;
  errorCode: string | undefined;
  done: boolean;
}

type ObservedResponse = ServerResponse & { [kRecord]?: RecordState };

function emit(this: ObservedResponse): void {
  const state = this[kRecord];
  if (state === undefined || state.done) return;
  state.done = true;
  const { ex, socket } = state;
  const read = socket.bytesRead;
  const written = socket.bytesWritten;
  socket[kLastRead] = read;
  socket[kLastWritten] = written;
  const record: RequestRecord = {
    entryPoint: ex.entryPoint,
    router: ex.routerName,
    service: ex.serviceName,
    server: ex.serverURL,
    method: ex.req.method ?? ex.method,
    host: ex.host,
    path: requestURI(ex.req.url, ex.path),
    protocol: `HTTP/${ex.req.httpVersion}`,
    status: this.headersSent ? this.statusCode : state.status,
    clientIP: ex.clientIP,
    startTime: performance.timeOrigin + ex.startedAt,
    durationMs: performance.now() - ex.startedAt,
    requestBytes: Math.max(0, read - ex.bytesReadAtStart),
    responseBytes: Math.max(0, written - ex.bytesWrittenAtStart),
    attempts: ex.attempts,
    requestHeaders: ex.req.headers,
    errorCode: state.errorCode,
    tls: state.tls,
  };
  for (const o of state.observers) {
    try {
      o.onRequestEnd(record);
    } catch (err) {
      console.error(`wharf: request observer failed: ${String(err)}`);
    }
  }
}

/** Arranges for observers to get a RequestRecord once the response finished or the client left. */
export function observeRequest(ex: Exchange, observers: readonly RequestObserver[]): void {
  const socket = ex.req.socket as unknown as CountedSocket;
  ex.bytesReadAtStart = socket[kLastRead] ?? 0;
  ex.bytesWrittenAtStart = socket[kLastWritten] ?? 0;
  const res = ex.res as ObservedResponse;
  res[kRecord] = { ex, socket, tls: tlsOf(socket as TlsAwareSocket), observers, status: 499, errorCode: undefined, done: false };
  // node:http emits 'close' after 'finish' for every response it created, so one listener is
  // enough; an upgrade's hand-made response detaches its socket on finish and never closes.
  if (ex.isUpgrade) res.on('finish', emit);
  res.on('close', emit);
}

/**
 * Notes what the record cannot read from the ServerResponse: the error code of a failure and
 * the status of a tunnelled upgrade (101, never written through `res`).
 */
export function noteOutcome(ex: Exchange, code: string | undefined, upgradedStatus?: number): void {
  const state = (ex.res as ObservedResponse)[kRecord];
  if (state === undefined) return;
  if (code !== undefined) state.errorCode = code;
  if (upgradedStatus !== undefined) state.status = upgradedStatus;
}

/**
 * The request URI as the client sent it, query included (Traefik's access-log `RequestPath` is
 * Go's `URL.RequestURI()`); an absolute-form target loses its scheme and authority.
 */
export function requestURI(target: string | undefined, fallback: string): string {
  if (target === undefined || target === '') return fallback;
  if (target.startsWith('/') || target === '*') return target;
  const authority = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(target);
  if (authority === null) return target;
  const rest = target.slice(authority[0].length);
  return rest === '' || rest.startsWith('?') ? `/${rest}` : rest;
}
