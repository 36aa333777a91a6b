import type { ServerResponse } from 'node:http';
import type { ForwardTarget, HttpExchange, HttpResponse, Transport } from '@wharf/config';
import { Pool } from 'undici';
import { appendForwardedFor } from './forwarded-headers.js';
import { ForwardHandler } from './forward-handler.js';
import { upstreamHeaderList } from './hop-by-hop.js';
import { Http1Client } from './http1-client/http1-client.js';
import { serverTarget, upstreamPath, type ServerTarget } from './server-target.js';
import { forwardUpgrade } from './upgrade-tunnel.js';
import { upstreamFailure } from './upstream-failure.js';

export interface TransportOptions {
  /** dial timeout, default 30 000 ms (Traefik dialTimeout) */
  connectTimeoutMs?: number;
  /** no response headers within this → 504; default 0 = none (Traefik responseHeaderTimeout) */
  responseHeaderTimeoutMs?: number;
  /** idle keep-alive sockets close after this, default 90 000 ms (Traefik idleConnTimeout) */
  keepAliveTimeoutMs?: number;
  /** keep-alive connections per server, default 128 */
  connectionsPerServer?: number;
  /** upstream HTTP/1.1 client (experiment): 'undici' (default) or 'http1' */
  client?: 'undici' | 'http1';
}

export interface ClosableTransport extends Transport {
  /** closes every pooled connection (in-flight requests finish first) */
  close(): Promise<void>;
}

const kHandler = Symbol('wharf.forwardHandler');
type TrackedResponse = ServerResponse & { [kHandler]?: ForwardHandler };

/** one shared listener (no per-request closure): the client left before the response ended */
function onClientClose(this: TrackedResponse): void {
  if (!this.writableFinished) this[kHandler]?.cancel();
}

function hasRequestBody(ex: HttpExchange): boolean {
  const h = ex.req.headers;
  const len = h['content-length'];
  return (len !== undefined && len !== '0') || h['transfer-encoding'] !== undefined;
}

function upstreamHeaders(ex: HttpExchange, t: ServerTarget, passHost: boolean): string[] {
  const list = upstreamHeaderList(ex.headers, []);
  const host = passHost ? ex.headers.host : undefined;
  list.push('host', host ?? t.authority, 'x-forwarded-for', appendForwardedFor(ex.headers['x-forwarded-for'], ex.clientIP));
  if (ex.body !== undefined) {
    for (let i = 0; i < list.length; i += 2) if (list[i] === 'content-length') list[i + 1] = String(ex.body.length);
  }
  return list;
}

/**
 * The HTTP/1.1 forwarder: one undici Pool (keep-alive) per server origin, raw header arrays,
 * bodies streamed both ways. Never throws for upstream failures (see Transport docs).
 */
export function createTransport(options: TransportOptions = {}): ClosableTransport {
  const pools = new Map<string, Pool>();
  const poolOptions = {
    connections: options.connectionsPerServer ?? 128,
    pipelining: 1,
    connectTimeout: options.connectTimeoutMs ?? 30_000,
    headersTimeout: options.responseHeaderTimeoutMs ?? 0,
    bodyTimeout: 0,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 90_000,
    keepAliveMaxTimeout: Math.max(options.keepAliveTimeoutMs ?? 90_000, 1_000),
  };
  const http1 =
    options.client !== 'undici'
      ? new Http1Client({
          connectTimeoutMs: poolOptions.connectTimeout,
          headersTimeoutMs: poolOptions.headersTimeout,
          idleTimeoutMs: poolOptions.keepAliveTimeout,
          maxConnections: poolOptions.connections,
        })
      : null;
  const poolFor = (origin: string): Pool => {
    let pool = pools.get(origin);
    if (pool === undefined) {
      pool = new Pool(origin, poolOptions);
      pools.set(origin, pool);
    }
    return pool;
  };

  function forward(ex: HttpExchange, target: ForwardTarget): Promise<HttpResponse> {
    ex.serverURL = target.url;
    ex.triedServers.add(target.url);
    ex.requestSent = false;
    let t: ServerTarget;
    try {
      t = serverTarget(target.url);
    } catch (err) {
      return Promise.resolve(upstreamFailure(err, false));
    }
    const path = upstreamPath(t, ex.path, ex.query, target.preservePath);
    const headers = upstreamHeaders(ex, t, target.passHostHeader !== false);
    if (ex.isUpgrade) return forwardUpgrade(ex, t, path, headers, poolOptions.connectTimeout);
    const body = ex.body ?? (hasRequestBody(ex) ? ex.req : null);
    return new Promise<HttpResponse>((resolve) => {
      const handler = new ForwardHandler(ex, resolve);
      const res = ex.res as TrackedResponse;
      if (res[kHandler] === undefined) res.on('close', onClientClose);
      res[kHandler] = handler;
      if (http1 !== null) http1.dispatch(t, ex.method, path, headers, body, handler);
      else poolFor(t.origin).dispatch({ origin: t.origin, path, method: ex.method, headers, body }, handler);
    });
  }

  return {
    forward,
    async close() {
      const all = [...pools.values()];
      pools.clear();
      await Promise.all([...all.map((p) => p.close()), http1?.close()]);
    },
  };
}
