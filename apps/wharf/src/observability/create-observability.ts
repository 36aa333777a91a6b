import { parseDuration, type RequestObserver, type RuntimeSource, type RuntimeView } from '@wharf/config';
import type { HealthRegistry } from '@wharf/loadbalancer';
import {
  createAccessLog,
  loadMetrics,
  createTrafficRecorder,
  registerTrafficRoutes,
  type AccessLog,
  type AccessLogFilters,
  type Metrics,
  type ServerStateLike,
  type TrafficRecorder,
} from '@wharf/observability';
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../logger.js';
import type { StaticConfig } from '../static/index.js';

export interface ObservabilityDeps {
  logger: Logger;
  /**
   * `view` is read lazily (scrape/route time), so it may forward to a runtime created afterwards;
   * `subscribe`, when given, counts each applied generation as a successful config reload
   */
  source: Pick<RuntimeSource, 'view'> & Partial<Pick<RuntimeSource, 'subscribe' | 'traefikCertificates'>>;
  /**
   * accepted for the lead's call site; not needed: traefik_service_server_up is read from the
   * live view at scrape time (so servers that left the configuration disappear)
   */
  health?: HealthRegistry;
  /** read at scrape time for traefik_open_connections, e.g. from each entrypoint's server */
  openConnections?: () => Iterable<{ entryPoint: string; protocol: string; count: number }>;
  /** reopens accessLog.filePath on this signal (logrotate, as Traefik); default SIGUSR1, false = off */
  reopenSignal?: NodeJS.Signals | false;
}

export interface Observability {
  /** pass to `startWharf(config, { observers })` / every entrypoint */
  observers: RequestObserver[];
  /** `createApiServer({ extraRoutes })`: /metrics and /api/wharf/traffic{,/stats} */
  extraRoutes(app: FastifyInstance): void;
  /**
   * traefik_config_reloads_total / …_last_reload_success. Applied generations are counted from
   * `source.subscribe` already; call this for rejected configurations (ok=false). A generation
   * reported twice (event + call) counts once.
   */
  onConfigApplied(generation: number, ok: boolean): void;
  /** live traffic: `traffic.subscribe(listener)` pushes a compact snapshot every 2 s */
  traffic: TrafficRecorder;
  metrics?: Metrics;
  accessLog?: AccessLog;
  close(): Promise<void>;
}

function apiPrefix(basePath: string | undefined): string {
  const base = (basePath ?? '/').replace(/\/+$/, '');
  return `${base}/api/wharf/traffic`;
}

/** traefik_service_server_up from the live view: health-checked state, else the static status. */
function* serverStates(view: RuntimeView): Generator<ServerStateLike> {
  for (const [service, info] of Object.entries(view.services)) {
    const seen = new Set<string>();
    for (const s of info.health?.servers ?? []) {
      seen.add(s.url);
      yield { service, url: s.url, state: s.state };
    }
    for (const [url, state] of Object.entries(info.serverStatus ?? {})) if (!seen.has(url)) yield { service, url, state };
  }
}

async function createMetricsFor(config: StaticConfig, deps: ObservabilityDeps): Promise<Metrics | undefined> {
  const prom = config.metrics.prometheus;
  if (prom === undefined) return undefined;
  const createMetrics = await loadMetrics();
  if (prom.entryPoint !== 'traefik') {
    deps.logger.warn({ entryPoint: prom.entryPoint }, 'metrics.prometheus.entryPoint: /metrics is served on the traefik entrypoint only');
  }
  return createMetrics({
    buckets: prom.buckets,
    addEntryPointsLabels: prom.addEntryPointsLabels,
    addRoutersLabels: prom.addRoutersLabels,
    addServicesLabels: prom.addServicesLabels,
    openConnections: deps.openConnections,
    diagnostics: () => deps.source.view().diagnostics,
    certificates: () => deps.source.traefikCertificates?.() ?? [],
    servers: () => serverStates(deps.source.view()),
  });
}

/** Reopens the access-log file on a signal; returns the unsubscribe. */
function reopenOnSignal(accessLog: AccessLog, signal: NodeJS.Signals, logger: Logger): () => void {
  const onSignal = () => {
    accessLog.reopen().then(
      () => logger.info({ signal }, 'access log reopened'),
      (err: unknown) => logger.error({ err }, 'access log: reopen failed'),
    );
  };
  process.on(signal, onSignal);
  return () => process.off(signal, onSignal);
}

/** Traefik's accessLog.filters (minDuration: "10ms", 5s…). */
function filtersOf(accessLog: NonNullable<StaticConfig['accessLog']>): AccessLogFilters | undefined {
  const f = accessLog.filters;
  if (f === undefined) return undefined;
  const minDurationMs = f.minDuration === undefined ? undefined : parseDuration(f.minDuration);
  return { statusCodes: f.statusCodes, retryAttempts: f.retryAttempts, minDurationMs };
}

function createAccessLogFor(config: StaticConfig, logger: Logger): AccessLog | undefined {
  const al = config.accessLog;
  if (al === undefined) return undefined;
  return createAccessLog({
    filters: filtersOf(al),
    filePath: al.filePath,
    format: al.format,
    bufferingSize: al.bufferingSize,
    fields: al.fields,
    tcp: al.tcp,
    onError: (err) => logger.error({ err, filePath: al.filePath }, 'access log: destination failed, lines are dropped'),
  });
}

/**
 * Wires metrics (`--metrics.prometheus`, loaded only then), the access log (`--accesslog`) and
 * live traffic (always on) from the static config. The composition root passes `observers` to the entrypoints,
 * `extraRoutes` to the API server and calls `onConfigApplied` after each apply.
 */
export async function createObservability(config: StaticConfig, deps: ObservabilityDeps): Promise<Observability> {
  const metrics = await createMetricsFor(config, deps);
  const traffic = createTrafficRecorder({ onListenerError: (err) => deps.logger.error({ err }, 'traffic listener failed') });
  const accessLog = createAccessLogFor(config, deps.logger);
  const signal = deps.reopenSignal ?? 'SIGUSR1';
  const stopSignal = accessLog && config.accessLog?.filePath && signal ? reopenOnSignal(accessLog, signal, deps.logger) : () => undefined;
  const observers: RequestObserver[] = [traffic.observer];
  if (metrics) observers.push(metrics.observer);
  if (accessLog) observers.push(accessLog.observer);
  let lastGeneration = 0;
  const onConfigApplied = (generation: number, ok: boolean): void => {
    if (ok && generation === lastGeneration) return;
    if (ok) lastGeneration = generation;
    metrics?.onConfigReload(ok);
  };
  const unsubscribe = deps.source.subscribe?.((e) => {
    if (e.type === 'generation') onConfigApplied(e.generation, true);
  });
  return {
    observers,
    traffic,
    metrics,
    accessLog,
    extraRoutes(app) {
      metrics?.registerRoutes(app);
      registerTrafficRoutes(app, traffic, { prefix: apiPrefix(config.api?.basePath), view: () => deps.source.view() });
    },
    onConfigApplied,
    async close() {
      stopSignal();
      unsubscribe?.();
      traffic.close();
      metrics?.close();
      const dropped = accessLog?.dropped() ?? 0;
      await accessLog?.close();
      if (dropped > 0) deps.logger.warn({ dropped }, 'access log: lines dropped because the writer could not keep up');
    },
  };
}
