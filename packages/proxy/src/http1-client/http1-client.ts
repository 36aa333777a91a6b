import type { Readable } from 'node:stream';
import { ClientRequest, type ResponseHandler } from './client-request.js';
import { OriginPool, type PoolOptions } from './origin-pool.js';
import { requestHead } from './request-head.js';

/** Where a request goes: the pool key and the address to dial. */
export interface Origin {
  readonly origin: string;
  readonly hostname: string;
  readonly port: number;
  /** dial with TLS (`https://` servers) */
  readonly tls?: boolean;
}

/**
 * A minimal HTTP/1.1 keep-alive client on `net.Socket`s: one pool per origin, one request per
 * connection at a time, the request head written with one `write`, responses parsed
 * incrementally (see ResponseParser). Outcomes go to a ResponseHandler; it never throws.
 */
export class Http1Client {
  private readonly pools = new Map<string, OriginPool>();

  constructor(private readonly options: PoolOptions) {}

  dispatch(to: Origin, method: string, path: string, headers: string[], body: Buffer | Readable | null, handler: ResponseHandler): void {
    let pool = this.pools.get(to.origin);
    if (pool === undefined) {
      pool = new OriginPool(to.hostname, to.port, this.options, to.tls === true);
      this.pools.set(to.origin, pool);
    }
    const { head, chunked } = requestHead(method, path, headers, body);
    pool.dispatch(new ClientRequest(method, head, chunked, body, handler));
  }

  /** closes every pool (in-flight requests finish first) */
  async close(): Promise<void> {
    const all = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(all.map((p) => p.close()));
  }
}
