import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { WharfError } from '../errors.js';

/**
 * One HTTP request travelling through wharf: entrypoint → router → middlewares → service →
 * balancer → forwarder. Middlewares see only this type (they depend on `config`, never on the
 * proxy). Header keys are lower-case (Node's convention).
 */
export interface HttpExchange {
  /** the client's request; its body stream is read at most once (see `body`) */
  readonly req: IncomingMessage;
  /** the client's response; prefer returning an HttpResponse; written directly only by upgrades */
  readonly res: ServerResponse;
  readonly entryPoint: string;
  /** socket remote address (never X-Forwarded-For) */
  readonly clientIP: string;
  /** performance.now() at accept */
  readonly startedAt: number;
  method: string;
  /** host used for matching: lower-case, port and trailing dot removed */
  host: string;
  /** escaped path sent upstream; path middlewares rewrite it */
  path: string;
  /** query string without `?` ('' when none) */
  query: string;
  /** headers sent upstream; middlewares mutate them */
  headers: IncomingHttpHeaders;
  /** a buffered request body kept for replay (retry, buffering, forwardAuth); undefined = stream `req` */
  body?: Buffer;
  routerName?: string;
  serviceName?: string;
  /** server URLs already attempted for this request, so a retry lands elsewhere */
  readonly triedServers: Set<string>;
  /** retry attempts made so far (0 on the first try) */
  attempts: number;
  /** server URL that answered the last attempt (set by the forwarder) */
  serverURL?: string;
  /** true once request bytes reached a server in the last attempt (retry safety) */
  requestSent: boolean;
  readonly isUpgrade: boolean;
  /** per-request scratch space for middlewares */
  readonly locals: Map<string, unknown>;
}

export interface HttpResponse {
  status: number;
  /** header names are lower-case (the forwarder and every middleware keep it so) */
  headers: OutgoingHttpHeaders;
  /** null = no body; Buffer/string = fixed body; Readable = streamed body */
  body: Readable | Buffer | string | null;
  /** the connection was handed over (WebSocket tunnel): nothing left to write */
  upgraded?: boolean;
  /**
   * Response trailers (gRPC's `grpc-status`): filled in by the time a streamed `body` ends, written
   * after it (HTTP/2 clients: a trailing HEADERS frame; HTTP/1.1: only in a chunked response).
   * Only HTTP/2 upstreams (`h2c://`) set it.
   */
  trailers?: OutgoingHttpHeaders;
  /**
   * Set when this response stands for an upstream failure (codes in upstream-errors.ts): the
   * forwarder turns connect errors into 502, timeouts into 504, an empty pool into 503, and
   * says why here, so retry and circuitBreaker can decide without parsing bodies.
   */
  error?: WharfError;
}

export type Next = () => Promise<HttpResponse>;
/** A middleware step, built once per generation and run once per request. */
export type HttpStep = (ex: HttpExchange, next: Next) => Promise<HttpResponse>;
/** A compiled service (load balancer or composite): forwards and answers. */
export type HttpHandler = (ex: HttpExchange) => Promise<HttpResponse>;
/** Injected into middlewares that call a service (errors, forwardAuth): qualified name → handler. */
export type ServiceResolver = (qualifiedName: string) => HttpHandler | undefined;

/** Where one attempt goes: a server picked by a balancer, with its service's forwarding options. */
export interface ForwardTarget {
  /** server URL as configured, e.g. `http://10.0.0.3:80` (optionally with a path prefix) */
  url: string;
  /** default true: keep the client's Host header */
  passHostHeader: boolean;
  /** ms; -1 = flush every write; 0/undefined = default (100ms semantics: stream as it comes) */
  flushIntervalMs?: number;
  preservePath?: boolean;
  /** qualified serversTransport name, if any */
  serversTransport?: string;
}

/**
 * The forwarder (packages/proxy: its own keep-alive HTTP/1.1 client), injected into the runtime so composite services and
 * balancers can forward without importing the proxy. Never throws for upstream failures: it
 * answers a response with `error` set (502/504) and records `ex.serverURL`, `ex.requestSent`,
 * and adds the server to `ex.triedServers`.
 */
export interface Transport {
  forward(ex: HttpExchange, target: ForwardTarget): Promise<HttpResponse>;
}

/** One finished request, handed to observers (metrics, access log, live traffic) off the hot path. */
export interface RequestRecord {
  entryPoint: string;
  router?: string;
  service?: string;
  server?: string;
  method: string;
  host: string;
  path: string;
  protocol: string;
  status: number;
  clientIP: string;
  /** epoch ms at accept */
  startTime: number;
  durationMs: number;
  requestBytes: number;
  responseBytes: number;
  attempts: number;
  requestHeaders: IncomingHttpHeaders;
  errorCode?: string;
  /** set when the request came over TLS (HTTPS or HTTP/2): read once per connection */
  tls?: RequestTls;
}

/** A TLS connection's version and cipher suite in Go's spelling (Traefik's `tls_version` / `tls_cipher` labels). */
export interface RequestTls {
  /** `1.0` … `1.3`, or `unknown` */
  readonly version: string;
  /** IANA / Go name, e.g. `TLS_AES_128_GCM_SHA256`, or `unknown` when Go has no such suite */
  readonly cipher: string;
  /** the client certificate's subject as Go prints it (`CN=alice,O=Acme`), when one was presented */
  readonly clientSubject?: string;
}

export interface RequestObserver {
  /**
   * Optional: a request was routed (`ex.routerName`/`ex.serviceName` set, no server picked yet).
   * The proxy calls it only after routing succeeded and always follows it with exactly one
   * `onRequestEnd` for the same request (answered, failed, aborted or tunnel closed). Runs on the
   * hot path: keep it to a lookup and integer updates, never keep `ex`.
   */
  onRequestStart?(ex: HttpExchange): void;
  onRequestEnd(record: RequestRecord): void;
}

/** One finished TCP connection (wharf's TCP access log; Traefik has none). Handed over at close. */
export interface TcpConnectionRecord {
  entryPoint: string;
  /** qualified names */
  router: string;
  service: string;
  /** the server's `host:port`; absent when none was picked (refused, no UP server) */
  server?: string;
  /** `ip:port` of the client */
  clientAddr: string;
  tls: 'none' | 'passthrough' | 'terminate';
  /** epoch ms when the connection was accepted */
  startTime: number;
  durationMs: number;
  /** client → wharf and wharf → client, on the client's socket (TLS records included when terminated) */
  bytesIn: number;
  bytesOut: number;
  /** why it ended early: `refused by middleware`, `no available server`, a dial or TLS error */
  error?: string;
}
