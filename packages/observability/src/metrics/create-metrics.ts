import type { RequestObserver, RequestRecord } from '@wharf/config';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { collectedMetric, type CollectedMetric } from './collected-metric.js';
import { HttpSeriesFamily } from './http-series.js';
import { DEFAULT_BUCKETS, type MetricsOptions, type ServerStateLike } from './metrics-options.js';
import { createStateMetrics } from './state-metrics.js';

export interface Metrics {
  observer: RequestObserver;
  /** the prom-client registry (Prometheus text via `registry.metrics()`) */
  registry: Registry;
  /** GET /metrics (or `options.path`) on the given fastify app */
  registerRoutes(app: FastifyInstance): void;
  /** after each configuration apply: traefik_config_reloads_total, …_last_reload_success */
  onConfigReload(success: boolean): void;
  /** traefik_service_server_up{service,url} */
  onServerState(change: ServerStateLike): void;
  /** wharf_docker_events_total{action} */
  onDockerEvent(action: string): void;
  close(): void;
}

function registerCollected(registry: Registry, metrics: CollectedMetric[]): void {
  for (const m of metrics) registry.registerMetric(m as unknown as Parameters<Registry['registerMetric']>[0]);
}

/** per service: the retry counter's label object and running value */
type RetryCounts = Map<string, { labels: { service: string }; value: number }>;

interface Families {
  ep?: HttpSeriesFamily;
  router?: HttpSeriesFamily;
  service?: HttpSeriesFamily;
}

function retriesMetric(retries: RetryCounts): CollectedMetric {
  const help = 'How many request retries happened on a service.';
  return collectedMetric('traefik_service_retries_total', help, 'counter', () => [...retries.values()], () => retries.clear());
}

function observerFor(families: Families, retries: RetryCounts): RequestObserver {
  const { ep, router, service } = families;
  return {
    onRequestEnd(r: RequestRecord): void {
      ep?.record(r.entryPoint, '', r);
      if (router !== undefined && r.router !== undefined) router.record(r.router, r.service ?? '', r);
      if (service === undefined || r.service === undefined) return;
      service.record(r.service, '', r);
      if (r.attempts > 0) {
        let c = retries.get(r.service);
        if (c === undefined) retries.set(r.service, (c = { labels: { service: r.service }, value: 0 }));
        c.value += r.attempts;
      }
    },
  };
}

/** Prometheus metrics with Traefik's names and labels; recording is a few Map lookups. */
export function createMetrics(opts: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const buckets = opts.buckets ?? DEFAULT_BUCKETS;
  const families: Families = {
    ep: opts.addEntryPointsLabels === false ? undefined : new HttpSeriesFamily('traefik_entrypoint', ['entrypoint'], buckets),
    router: opts.addRoutersLabels === true ? new HttpSeriesFamily('traefik_router', ['router', 'service'], buckets) : undefined,
    service: opts.addServicesLabels === false ? undefined : new HttpSeriesFamily('traefik_service', ['service'], buckets),
  };
  const retries: RetryCounts = new Map();
  if (families.ep) registerCollected(registry, families.ep.metrics('an entrypoint'));
  if (families.router) registerCollected(registry, families.router.metrics('a router'));
  if (families.service) registerCollected(registry, [...families.service.metrics('a service'), retriesMetric(retries)]);
  const state = createStateMetrics(registry, opts);
  if (opts.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const path = opts.path ?? '/metrics';
  return {
    observer: observerFor(families, retries),
    registry,
    registerRoutes(app) {
      app.get(path, async (_req, reply) => reply.header('content-type', registry.contentType).send(await registry.metrics()));
    },
    onConfigReload: state.onConfigReload,
    onServerState: state.onServerState,
    onDockerEvent: state.onDockerEvent,
    close() {
      registry.clear();
    },
  };
}
