import type { ClientRequest } from './client-request.js';
import { Connection, type ConnectionOwner } from './connection.js';

export interface PoolOptions {
  connectTimeoutMs: number;
  /** 0 = none */
  headersTimeoutMs: number;
  idleTimeoutMs: number;
  maxConnections: number;
  /** verify TLS server certificates (https servers); default true */
  rejectUnauthorized?: boolean;
}

/**
 * The keep-alive connections to one origin: the most recently used idle socket first (the
 * least likely to have been closed by the server), a new one while under `maxConnections`,
 * else a FIFO queue served as connections free up.
 */
export class OriginPool implements ConnectionOwner {
  readonly connectTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly rejectUnauthorized: boolean;
  private readonly max: number;
  private readonly idle: Connection[] = [];
  private readonly queue: ClientRequest[] = [];
  private size = 0;
  private closing = false;
  private onEmpty: (() => void) | null = null;

  constructor(
    readonly host: string,
    readonly port: number,
    options: PoolOptions,
    readonly tls = false,
  ) {
    this.rejectUnauthorized = options.rejectUnauthorized !== false;
    this.connectTimeoutMs = options.connectTimeoutMs;
    this.headersTimeoutMs = options.headersTimeoutMs;
    this.idleTimeoutMs = options.idleTimeoutMs;
    this.max = options.maxConnections;
  }

  dispatch(req: ClientRequest): void {
    const conn = this.idle.pop();
    if (conn !== undefined) conn.run(req);
    else if (this.size < this.max) this.open().run(req);
    else this.queue.push(req);
  }

  retry(req: ClientRequest): void {
    this.open().run(req);
  }

  release(conn: Connection): void {
    const next = this.queue.shift();
    if (next !== undefined) conn.run(next);
    else if (this.closing) conn.abort();
    else this.idle.push(conn);
  }

  remove(conn: Connection): void {
    this.size -= 1;
    const i = this.idle.lastIndexOf(conn);
    if (i >= 0) this.idle.splice(i, 1);
    const next = this.size < this.max ? this.queue.shift() : undefined;
    if (next !== undefined) this.open().run(next);
    if (this.size === 0 && this.onEmpty !== null) this.onEmpty();
  }

  /** closes idle sockets now and busy ones once their response completed */
  close(): Promise<void> {
    this.closing = true;
    for (const conn of this.idle.splice(0)) conn.abort();
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.onEmpty = resolve;
    });
  }

  private open(): Connection {
    this.size += 1;
    return new Connection(this);
  }
}
