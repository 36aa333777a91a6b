import type { LoadBalancerConfig, ServerHealthInfo, ServerState } from '@wharf/config';

/** A server as the balancer knows it. `url` is its identity (sticky value, health key). */
export interface ServerRef {
  readonly url: string;
  readonly weight: number;
}

export interface PickRequest {
  clientIP: string;
  /** raw Cookie header, for sticky sessions */
  cookie?: string;
  /** server URLs already tried for this request (retry redispatch): avoided while others remain */
  exclude?: ReadonlySet<string>;
}

export interface PickResult {
  server: ServerRef;
  /** a Set-Cookie header value when stickiness (re)assigned the client */
  setCookie?: string;
}

export interface AttemptOutcome {
  /** dial error / reset (no usable response) */
  networkError: boolean;
  status?: number;
}

export interface LoadBalancer {
  /** undefined → 503 `no available server` */
  pick(req: PickRequest): PickResult | undefined;
  /** the server a request would get now, without side effects (route tester) */
  peek(req: PickRequest): ServerRef | undefined;
  /** in-flight accounting (leastconn, p2c) and passive health */
  onAttemptStart(server: ServerRef): void;
  onAttemptEnd(server: ServerRef, outcome: AttemptOutcome): void;
  /**
   * Present only when the strategy weighs response times (leasttime): the response head of an
   * attempt on `server` arrived `ms` after `onAttemptStart` (time to first byte, as Traefik's).
   */
  onResponseHead?(server: ServerRef, ms: number): void;
  /** live health for the runtime view */
  servers(): ServerHealthInfo[];
  /**
   * wharf extension (optional): resolves once every server that started in the `initial` DOWN
   * state has had its first probe (at once without a health check, or when the generation is
   * aborted). The runtime may await it, bounded, before swapping generations (Envoy warming).
   */
  ready?(): Promise<void>;
}

export interface LoadBalancerContext {
  /** qualified service name (sticky cookie default name, health keys) */
  serviceName: string;
  /** health state shared across generations, keyed by service + server URL */
  health: HealthRegistry;
  /** aborted when the generation is retired: stops probes and timers */
  signal: AbortSignal;
}

export type CreateLoadBalancer = (config: LoadBalancerConfig, ctx: LoadBalancerContext) => LoadBalancer;

export interface ServerStateChange {
  service: string;
  url: string;
  state: ServerState;
  lastResult?: string;
  at: string;
}

/** Health state that survives generation swaps. */
export interface HealthRegistry {
  get(service: string, url: string): ServerHealthInfo | undefined;
  set(service: string, info: ServerHealthInfo): void;
  subscribe(listener: (change: ServerStateChange) => void): () => void;
}
