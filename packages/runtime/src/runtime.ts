import { emptyDynamicConfig, silentLogger, splitQualified } from '@wharf/config';
import type { Diagnostic, DynamicConfig, HttpHandler, Logger, ProviderState, RuleSyntax, RuntimeFeatures, RuntimeSource, Transport } from '@wharf/config';
import type { HealthRegistry } from '@wharf/loadbalancer';
import type { GeneratedCertificate } from '@wharf/tls';
import { compileGeneration, type Generation } from './compile/generation.js';
import { compileL4 } from './l4/compile-l4.js';
import { TcpGateStore } from './l4/tcp-gates.js';
import { TcpHealthStore } from './l4/tcp-health.js';
import { warmUp } from './compile/warm-up.js';
import { defaultDeps } from './default-deps.js';
import type { RuntimeDeps } from './deps.js';
import { RuntimeErrors } from './errors.js';
import { EventHub } from './events.js';
import { noopHandler } from './services/internal-service.js';
import type { GenerationHandle, GenerationSource } from './types.js';
import type { EntryPointSpec } from './validate/validated.js';
import { validateConfig } from './validate/validate-config.js';
import { RouterMemo } from './validate/router-memo.js';
import { buildView } from './view/build-view.js';
import type { InternalView } from './view/internal-view.js';
import { explainMatch } from './view/explain-match.js';
import { explainTcpMatch } from './view/explain-tcp.js';
import { certificatesView, tlsDiagnostics, traefikCertificatesView } from './view/certificates-view.js';
import { statusEvents } from './view/status-events.js';

export interface RuntimeOptions {
  entryPoints: EntryPointSpec[];
  /** names of the `address=…/udp` entrypoints (UDP routers only) */
  udpEntryPoints?: string[];
  transport: Transport;
  /** internal services routers may use, e.g. `{ 'api@internal': apiHandler }`; `noop@internal` is built in */
  internalServices?: Record<string, HttpHandler>;
  /** static `core.defaultRuleSyntax` (default v3) */
  defaultRuleSyntax?: RuleSyntax;
  logger?: Logger;
  /** wait at most this long for new servers' first health probe before a swap (default 1500; 0 = never) */
  warmUpMs?: number;
  /** abort a retired generation at the latest this long after the swap (default 30000) */
  retireGraceMs?: number;
  /** provider names shown in the view even before they sent elements */
  providers?: string[];
  features?: RuntimeFeatures;
  /** Traefik's internal elements to list for the static configuration (`api@internal`, `dashboard@internal`, …) */
  internalView?: InternalView;
  /** the certificate served when none matches and no default is configured (`generateDefaultCertificate`); absent: TLS off */
  defaultCertificate?: GeneratedCertificate;
  /** dependency injection (tests); missing ones are the real implementations */
  deps?: Partial<RuntimeDeps>;
}

export interface Runtime extends GenerationSource {
  /** validate + compile a generation, swap it in, retire the previous one; never throws */
  apply(merged: DynamicConfig, diagnostics?: Diagnostic[]): void;
  /** O(1): the generation serving requests now */
  current(): GenerationHandle;
  readonly source: RuntimeSource;
  /** health shared by every generation (created once) */
  readonly health: HealthRegistry;
  /** the provider runner's state changes (aggregator `onProviderState`): kept for the API, sent as `provider-state` events */
  reportProviderState(state: ProviderState): void;
  close(): void;
}

function providersOf(config: DynamicConfig, diagnostics: Diagnostic[], fixed: string[]): string[] {
  const names = new Set(fixed);
  const http = config.http ?? {};
  for (const rec of [http.routers, http.services, http.middlewares]) {
    for (const name of Object.keys(rec ?? {})) names.add(splitQualified(name).provider);
  }
  for (const d of diagnostics) names.add(d.provider);
  names.delete('internal');
  names.delete('');
  return [...names].sort();
}

/** Drops health entries of servers that left the configuration (when the registry supports it). */
function pruneHealth(health: HealthRegistry, config: DynamicConfig): void {
  const prune = (health as { prune?: (keep: (service: string, url: string) => boolean) => number }).prune;
  if (!prune) return;
  const services = config.http?.services ?? {};
  const tcpServices = config.tcp?.services ?? {};
  prune.call(health, (service, url) => {
    const servers = services[service]?.loadBalancer?.servers;
    if (Array.isArray(servers) && servers.some((s) => s?.url === url)) return true;
    // TCP servers are keyed by address (no scheme, so never confused with an HTTP server URL);
    // their verdicts go with the service's health check
    const lb = tcpServices[service]?.loadBalancer;
    return lb?.healthCheck !== undefined && Array.isArray(lb.servers) && lb.servers.some((s) => s?.address === url);
  });
}

/** Events and logs for a swap: the generation, then every router/service whose status changed. */
function announce(hub: EventHub, logger: Logger, previous: Generation, next: Generation): void {
  hub.emit({ type: 'generation', generation: next.id, appliedAt: next.appliedAt });
  for (const event of statusEvents(previous.validated, next.validated)) {
    if ('error' in event && event.error) logger.warn(`${event.type === 'router-status' ? 'router' : 'service'} ${event.name} is ${event.status}`, { errors: event.error });
    hub.emit(event);
  }
  logger.info('configuration applied', { generation: next.id, routers: Object.keys(next.validated.routers).length });
}

/** Validates and compiles one generation per config (ids increase). */
function generationFactory(opts: RuntimeOptions, deps: RuntimeDeps, health: HealthRegistry, logger: Logger) {
  const internalHandlers = new Map<string, HttpHandler>([['noop@internal', noopHandler], ...Object.entries(opts.internalServices ?? {})]);
  let nextId = 0;
  const memo = new RouterMemo();
  const tcpGates = new TcpGateStore();
  const tcpHealth = new TcpHealthStore();
  return (config: DynamicConfig): Generation => {
    const validated = validateConfig(config, {
      memo,
      entryPoints: opts.entryPoints,
      defaultRuleSyntax: opts.defaultRuleSyntax ?? 'v3',
      deps,
      internalServices: internalHandlers.keys(),
      udpEntryPoints: opts.udpEntryPoints,
    });
    const gen = compileGeneration({ id: nextId, validated, entryPoints: opts.entryPoints, deps, transport: opts.transport, health, internalHandlers, logger,
      ...(opts.defaultCertificate && { tls: { config: config.tls, generated: opts.defaultCertificate } }),
    });
    nextId += 1;
    const l4 = compileL4(validated, config.tcp, {
      gates: tcpGates,
      health: { registry: health, store: tcpHealth, signal: gen.lifecycle.signal },
      https: (ep) => gen.tls?.httpsServerNames(ep),
      acmeTlsPassthrough: (ep) => opts.entryPoints.some((e) => e.name === ep && e.acmeTlsPassthrough === true),
    });
    return Object.assign(gen, { tcp: l4.tcp, tcpTable: l4.tcp, udpRoute: l4.udpRoute, l4 });
  };
}

/** The runtime: validation, compilation and atomic swap of generations, plus the API's read model. */
export function createRuntime(opts: RuntimeOptions): Runtime {
  const deps: RuntimeDeps = { ...defaultDeps, ...opts.deps };
  const logger = opts.logger ?? silentLogger;
  const health = deps.createHealthRegistry();
  const hub = new EventHub(logger);
  const compile = generationFactory(opts, deps, health, logger);
  const features = opts.features ?? { tracing: '', metrics: '', accessLog: false };
  const retiring = new Set<Generation>();
  let diagnostics: Diagnostic[] = [];
  const providerStates = new Map<string, ProviderState>();
  let providers = [...(opts.providers ?? [])].sort();
  let closed = false;
  let current = compile(emptyDynamicConfig());
  /** the newest compiled generation (may still be warming up); a superseded one is dropped */
  let latest: Generation = current;
  const unsubscribeHealth = health.subscribe((c) => {
    logger.debug(`server ${c.url} of ${c.service} is ${c.state}`, { service: c.service, url: c.url, state: c.state, lastResult: c.lastResult });
    hub.emit({ type: 'server-state', ...c });
  });

  function swap(next: Generation, merged: DynamicConfig, newDiagnostics: Diagnostic[], startedAt: number): void {
    const nextProviders = providersOf(merged, newDiagnostics, opts.providers ?? []);
    const previous = current;
    current = next;
    retiring.add(previous);
    previous.lifecycle.signal.addEventListener('abort', () => retiring.delete(previous), { once: true });
    previous.lifecycle.retire(opts.retireGraceMs ?? 30_000);
    try {
      pruneHealth(health, merged);
    } catch (err) {
      logger.warn('pruning health state failed', { err });
    }
    const countChanged = newDiagnostics.length !== diagnostics.length;
    diagnostics = newDiagnostics;
    providers = nextProviders;
    announce(hub, logger, previous, next);
    logger.debug('generation applied', { generation: next.id, reloadMs: Math.round(performance.now() - startedAt) });
    if (countChanged) hub.emit({ type: 'diagnostics', count: newDiagnostics.length });
  }

  const withTls = (all: Diagnostic[], gen: Generation): Diagnostic[] => {
    const tls = tlsDiagnostics(gen);
    return tls.length === 0 ? all : [...all, ...tls];
  };

  return {
    health,
    source: {
      view: () => buildView(current, { entryPoints: opts.entryPoints, diagnostics: withTls(diagnostics, current), providers, features, ...(opts.internalView && { internal: opts.internalView }) }),
      subscribe: (listener) => hub.subscribe(listener),
      explainMatch: (query) => explainMatch(current, query),
      explainTcpMatch: (query) => explainTcpMatch(current, query),
      providerStates: () => [...providerStates.values()],
      certificates: () => certificatesView(current),
      traefikCertificates: () => traefikCertificatesView(current),
    },
    current: () => current,
    reportProviderState(state) {
      if (closed) return;
      providerStates.set(state.name, state);
      hub.emit({ type: 'provider-state', state });
    },
    apply(merged, newDiagnostics = []) {
      if (closed) return logger.warn(RuntimeErrors.closed().message);
      let next: Generation;
      const startedAt = performance.now();
      try {
        next = compile(merged);
        logger.debug('generation compiled', { generation: next.id, routers: Object.keys(next.validated.routers).length, compileMs: Math.round(performance.now() - startedAt) });
      } catch (err) {
        return logger.error('compiling the configuration failed; keeping the current generation', { err });
      }
      latest = next;
      const warming = warmUp(next, opts.warmUpMs ?? 1500);
      if (!warming) return swap(next, merged, newDiagnostics, startedAt);
      void warming.then(() => {
        if (closed || latest !== next) return next.lifecycle.abort();
        swap(next, merged, newDiagnostics, startedAt);
      });
    },
    close() {
      if (closed) return;
      closed = true;
      unsubscribeHealth();
      for (const gen of [...retiring, current, latest]) gen.lifecycle.abort();
    },
  };
}
