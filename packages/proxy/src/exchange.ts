import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { HttpExchange } from '@wharf/config';

/**
 * The proxy's HttpExchange: a class so every exchange has the same shape (one hidden class on
 * the hot path); `triedServers` and `locals` are created on first use.
 */
export class Exchange implements HttpExchange {
  body?: Buffer = undefined;
  routerName?: string = undefined;
  serviceName?: string = undefined;
  serverURL?: string = undefined;
  attempts = 0;
  requestSent = false;
  /** socket byte counters at accept, for the request record */
  bytesReadAtStart = 0;
  bytesWrittenAtStart = 0;
  private tried: Set<string> | undefined = undefined;
  private scratch: Map<string, unknown> | undefined = undefined;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly entryPoint: string,
    readonly clientIP: string,
    readonly startedAt: number,
    public method: string,
    public host: string,
    public path: string,
    public query: string,
    public headers: IncomingHttpHeaders,
    readonly isUpgrade: boolean,
  ) {}

  get triedServers(): Set<string> {
    return (this.tried ??= new Set());
  }

  get locals(): Map<string, unknown> {
    return (this.scratch ??= new Map());
  }
}
