import { appendHeader, headerValue, parseDuration, UpstreamErrors } from '@wharf/config';
import type { ForwardTarget, HttpExchange, HttpResponse, LoadBalancerConfig, Transport } from '@wharf/config';
import type { AttemptOutcome, CreateLoadBalancer, HealthRegistry, LoadBalancer, ServerRef } from '@wharf/loadbalancer';
import { summarizeHealth, type CompiledService } from '../compiled-service.js';
import { onResponseDone } from '../response-done.js';
import { shouldRedispatch } from './redispatch.js';

export interface LoadBalancerServiceOptions {
  name: string;
  config: LoadBalancerConfig;
  createLoadBalancer: CreateLoadBalancer;
  health: HealthRegistry;
  signal: AbortSignal;
  transport: Transport;
}

const NETWORK_CODES = new Set([UpstreamErrors.connectFailed.code, UpstreamErrors.reset.code, UpstreamErrors.timeout.code]);

/** The 503 answered when the balancer has no server to offer (Traefik's body, with the coded error). */
export function noAvailableServer(): HttpResponse {
  return {
    status: 503,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
    body: 'no available server\n',
    error: UpstreamErrors.noServer(),
  };
}

function flushIntervalMs(config: LoadBalancerConfig): number | undefined {
  const raw = config.responseForwarding?.flushInterval;
  if (raw === undefined) return undefined;
  try {
    const ms = parseDuration(raw);
    return ms < 0 ? -1 : ms;
  } catch {
    return undefined;
  }
}

function outcomeOf(res: HttpResponse): AttemptOutcome {
  if (res.error && NETWORK_CODES.has(res.error.code)) return { networkError: true };
  return { networkError: false, status: res.status };
}

/** A `loadBalancer` service: pick → forward → account for the attempt → Set-Cookie from the pick. */
export function createLoadBalancerService(opts: LoadBalancerServiceOptions): CompiledService {
  const balancer: LoadBalancer = opts.createLoadBalancer(opts.config, { serviceName: opts.name, health: opts.health, signal: opts.signal });
  const passHostHeader = opts.config.passHostHeader ?? true;
  const flush = flushIntervalMs(opts.config);
  const preserve = new Map((opts.config.servers ?? []).map((s) => [s.url, s.preservePath === true]));
  // one ForwardTarget per server URL, made on first use (not one object per request)
  const targets = new Map<string, ForwardTarget>();
  const targetOf = (server: ServerRef): ForwardTarget => {
    let t = targets.get(server.url);
    if (t === undefined) {
      t = { url: server.url, passHostHeader, flushIntervalMs: flush, preservePath: preserve.get(server.url) ?? false, serversTransport: opts.config.serversTransport };
      targets.set(server.url, t);
    }
    return t;
  };
  const { transport } = opts;

  // Not async: one `then` per request instead of an async frame and its awaits (hot path).
  // `failed`: the connect failure being redispatched (redispatch.ts), answered when no other server is left
  const attempt = (ex: HttpExchange, redispatched: number, failed?: HttpResponse): Promise<HttpResponse> => {
    const pick = balancer.pick({ clientIP: ex.clientIP, cookie: headerValue(ex.headers.cookie, '; '), exclude: ex.triedServers });
    if (failed !== undefined && (!pick || ex.triedServers.has(pick.server.url))) return Promise.resolve(failed);
    if (!pick) return Promise.resolve(noAvailableServer());
    ex.serviceName = opts.name;
    const server = pick.server;
    balancer.onAttemptStart(server);
    // leasttime: time to the response head (the hook exists only for strategies that use it)
    const startedAt = balancer.onResponseHead === undefined ? 0 : performance.now();
    let pending: Promise<HttpResponse>;
    try {
      pending = transport.forward(ex, targetOf(server));
    } catch (err) {
      balancer.onAttemptEnd(server, { networkError: true });
      return Promise.reject(err);
    }
    return Promise.resolve(pending).then(
      (res) => {
        const outcome = outcomeOf(res);
        if (!outcome.networkError) balancer.onResponseHead?.(server, performance.now() - startedAt);
        onResponseDone(res, () => balancer.onAttemptEnd(server, outcome));
        if (shouldRedispatch(ex, res, redispatched)) {
          ex.triedServers.add(server.url);
          return attempt(ex, redispatched + 1, res);
        }
        if (pick.setCookie) appendHeader(res.headers, 'set-cookie', pick.setCookie);
        return res;
      },
      (err: unknown) => {
        balancer.onAttemptEnd(server, { networkError: true });
        throw err;
      },
    );
  };
  const handler = (ex: HttpExchange): Promise<HttpResponse> => attempt(ex, 0);

  return {
    name: opts.name,
    handler,
    available: () => balancer.peek({ clientIP: '' }) !== undefined,
    ...(opts.config.healthCheck && balancer.ready ? { ready: () => balancer.ready!() } : {}),
    peek: (req) => balancer.peek(req)?.url,
    servers: () => balancer.servers(),
    health() {
      const servers = balancer.servers();
      return summarizeHealth(servers.filter((s) => s.state === 'UP').length, servers.length);
    },
  };
}
