import type { Diagnostic, DynamicConfig, EntryPointInfo, HttpHandler, RequestObserver, TcpConnectionRecord } from '@wharf/config';
import { parseDuration } from '@wharf/config';
import { createHttpProber, createLoadBalancer } from '@wharf/loadbalancer';
import { createEntryPoint, createTransport, type EntryPoint } from '@wharf/proxy';
import { startL4, type L4Listeners } from './l4-entry-points.js';
import { createAggregator, createRuntime, type Runtime } from '@wharf/runtime';
import { generateDefaultCertificate } from '@wharf/tls';
import { entryPointOptions, shutdownInternal } from './entry-point-options.js';
import type { InternalEntryPoint } from './internal-entry-point.js';
import { createInternalProvider } from './internal-redirections.js';
import { internalView } from './internal-view.js';
import { withTrafficEvents } from './live-source.js';
import { createObservability, type Observability } from './observability/index.js';
import { createLogger, type Logger } from './logger.js';
import { createProviders } from './providers/index.js';
import { acmeTlsPassthrough, createAcmeWiring } from './acme.js';
import { toLogger } from './logger-adapter.js';
import { watchCertificateFiles } from './tls/certificate-files-watch.js';
import { entryPointInfo } from './static/entry-point-info.js';
import type { StaticConfig } from './static/index.js';

export interface RunningWharf {
  runtime: Runtime;
  logger: Logger;
  /** metrics, access log and live traffic (observers are already on every entrypoint) */
  observability: Observability;
  /** bound addresses by entrypoint name (port 0 resolved) */
  addresses: Record<string, { host: string; port: number }>;
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  observers?: RequestObserver[];
}

const INTERNAL = 'traefik';

/** Does the `traefik` entrypoint serve wharf's own endpoints (API, dashboard, ping, metrics)? */
function internalEntryPointUsed(config: StaticConfig): boolean {
  return Boolean(config.api?.insecure || config.ping?.entryPoint === INTERNAL || config.metrics.prometheus?.entryPoint === INTERNAL);
}

/** Is any of wharf's own endpoints configured (then their fastify app is built at start)? */
function internalEndpointsConfigured(config: StaticConfig): boolean {
  return Boolean(config.api || config.ping || config.metrics.prometheus);
}

function ms(value: string | number | undefined, fallback: number): number {
  return value === undefined ? fallback : parseDuration(value);
}

/** The composition root: static config → providers → aggregator → runtime → entrypoints. */
export async function startWharf(config: StaticConfig, opts: StartOptions = {}): Promise<RunningWharf> {
  const logger = opts.logger ?? createLogger(config.log);
  const log = toLogger(logger);
  // Traefik options wharf knows and does not implement (static/unsupported-options.ts): logged once
  // and kept as warnings beside every provider's diagnostics (API, dashboard)
  const ignored: Diagnostic[] = (config.ignoredOptions ?? []).map(({ where, reason }) => ({
    provider: 'static', source: where, code: 'WHARF_STATIC_NOT_IMPLEMENTED', severity: 'warning', message: `Traefik option not implemented, ignored: ${reason}`,
  }));
  for (const d of ignored) logger.warn({ option: d.source }, d.message);
  const entryPoints = Object.values(config.entryPoints).map((ep) => ({ name: ep.name, ep, addr: ep.parsedAddress }));
  const serveInternal = internalEntryPointUsed(config);
  const userEntryPoints = entryPoints.filter((e) => !(serveInternal && e.name === INTERNAL) && e.addr.protocol === 'tcp');
  // serversTransport.insecureSkipVerify: https servers' self-signed certificates are accepted by
  // the forwarder and by health-check probes alike
  const insecure = config.serversTransport?.insecureSkipVerify === true;
  const prober = insecure ? createHttpProber({ insecureSkipVerify: true }) : undefined;
  const timeouts = config.serversTransport?.forwardingTimeouts;
  const transport = createTransport({
    connectTimeoutMs: ms(timeouts?.dialTimeout, 30_000),
    responseHeaderTimeoutMs: ms(timeouts?.responseHeaderTimeout, 0),
    keepAliveTimeoutMs: ms(timeouts?.idleConnTimeout, 90_000),
    insecureSkipVerify: insecure,
  });

  // the fastify app of wharf's own endpoints (fastify, ajv: ~0.1 s of module loading) is built at
  // start when one is configured, else only if a router sends a request to `api@internal`
  let internal: Promise<InternalEntryPoint> | undefined;
  const internalEntryPoint = (): Promise<InternalEntryPoint> => (internal ??= import('./internal-entry-point.js').then((m) =>
    m.createInternalEntryPoint(config, withTrafficEvents(runtime.source, obs.traffic), info, (app) => obs.extraRoutes(app))));
  const apiHandler: HttpHandler = async (ex) => (await internalEntryPoint()).handler(ex);
  // ACME reads the routers of the live generation: entrypoint models applied (http.tls.certResolver, `<ep>-<router>` names)
  const acme = await createAcmeWiring(config, () => runtime.source.view().routers);
  const providers = [...(await createProviders(config, log)), ...acme.providers];
  const contributions = acme.internalConfig ? [acme.internalConfig] : [];
  if (contributions.length > 0 || Object.values(config.entryPoints).some((ep) => ep.http.redirections?.entryPoint)) {
    providers.push(createInternalProvider(config, (m) => log.warn(m), contributions));
  }
  // Traefik's `TRAEFIK DEFAULT CERT`: generated once at start-up, served when no certificate matches
  const defaultCertificate = await generateDefaultCertificate();
  const runtime = createRuntime({
    ...(prober ? { deps: { createLoadBalancer: (c, ctx) => createLoadBalancer(c, ctx, { prober }) } } : {}),
    entryPoints: userEntryPoints.map(({ name, ep }) => ({
      name, address: ep.address, asDefault: ep.asDefault, middlewares: [...ep.http.middlewares],
      ...(ep.http.tls && { tls: structuredClone(ep.http.tls) }),
      acmeTlsPassthrough: acmeTlsPassthrough(config, name),
    })),
    defaultCertificate,
    udpEntryPoints: entryPoints.filter((e) => e.addr.protocol === 'udp').map((e) => e.name),
    transport,
    internalServices: { 'api@internal': apiHandler, 'dashboard@internal': apiHandler, ...acme.internalServices },
    defaultRuleSyntax: config.core.defaultRuleSyntax,
    logger: log,
    providers: providers.map((p) => p.name),
    features: { tracing: '', metrics: config.metrics.prometheus ? 'Prometheus' : '', accessLog: Boolean(config.accessLog) },
    internalView: internalView(config),
  });
  const info: EntryPointInfo[] = entryPoints.map(({ ep }) => entryPointInfo(ep));
  const listeners: EntryPoint[] = [];
  // the traffic recorder's L4 meter, bound late (observability needs l4's open-connection counts)
  const meter = {
    open: (protocol: 'tcp' | 'udp', router: string, service: string, live?: () => readonly [number, number]) => obs.traffic.l4.open(protocol, router, service, live),
  };
  const tcpAccessLog = config.accessLog?.tcp ? (record: TcpConnectionRecord) => obs.accessLog?.onTcpConnection(record) : undefined;
  const l4: L4Listeners = startL4(entryPoints, runtime, (name, message, err) => logger.error({ entryPoint: name, err }, message), meter, tcpAccessLog);
  const openConnections = () => [
    ...listeners.map((l) => ({ entryPoint: l.name, protocol: 'TCP', count: l.openConnections() + l4.openTcp(l.name) })),
    ...l4.openUdp(),
  ];
  const obs = await createObservability(config, { logger, source: runtime.source, health: runtime.health, openConnections });
  const observers = [...obs.observers, ...(opts.observers ?? [])];
  if (serveInternal || internalEndpointsConfigured(config)) await internalEntryPoint();

  const addresses: RunningWharf['addresses'] = {};
  // Traefik's graceful stop: /ping answers 503 at once; every entrypoint keeps serving for its
  // requestAcceptGraceTimeout, then drains within its graceTimeOut (entry-point-drain.ts)
  const closeAll = async () => {
    const built = await internal?.catch(() => undefined);
    if (built) built.shuttingDown.value = true;
    const closeInternal = built ? [shutdownInternal(built.app, config.entryPoints[INTERNAL])] : [];
    await Promise.allSettled([l4.closeTcp(), ...listeners.map((l) => l.shutdown()), ...closeInternal, l4.closeUdp()]);
    await obs.close();
    await aggregator.close();
    certificateFiles.close();
    runtime.close();
    await transport.close();
  };
  // a certificate file replaced on disk applies without a configuration change: the last merged
  // configuration is compiled again (its files are read anew)
  let applied: { config: DynamicConfig; diagnostics: Diagnostic[] } | undefined;
  const certificateFiles = watchCertificateFiles({
    onChange: (files) => {
      if (applied === undefined) return;
      log.info('certificate files changed: reloading TLS', { files });
      runtime.apply(applied.config, [...ignored, ...applied.diagnostics]);
    },
  });
  const aggregator = createAggregator({
    providers,
    throttleMs: ms(config.providers.providersThrottleDuration, 2000),
    onConfig: (next, diagnostics) => {
      applied = { config: next, diagnostics };
      runtime.apply(next, [...ignored, ...diagnostics]);
      certificateFiles.watch(next.tls);
    },
    onProviderState: (state) => runtime.reportProviderState(state),
    logger: log,
  });
  for (const state of aggregator.providerStates()) runtime.reportProviderState(state);
  try {
    for (const { name, ep, addr } of userEntryPoints) {
      const listener = createEntryPoint({
        name,
        host: addr.host,
        port: addr.port,
        generations: runtime,
        observers,
        forwardedHeaders: { insecure: ep.forwardedHeaders.insecure, trustedIPs: [...ep.forwardedHeaders.trustedIPs] },
        ...(ep.proxyProtocol && { proxyProtocol: { insecure: ep.proxyProtocol.insecure, trustedIPs: [...ep.proxyProtocol.trustedIPs] } }),
        ...entryPointOptions(ep),
        log: (message, err) => logger.error({ entryPoint: name, err }, message),
        divert: l4.divert(name),
      });
      listeners.push(listener);
      await listener.listen();
      addresses[name] = listener.address!;
    }
    Object.assign(addresses, await l4.listenUdp());
    const internalEp = entryPoints.find((e) => e.name === INTERNAL);
    if (serveInternal && internalEp) {
      const { app } = await internalEntryPoint();
      await app.listen({ host: internalEp.addr.host ?? '0.0.0.0', port: internalEp.addr.port }).catch((err: NodeJS.ErrnoException) => {
        throw new Error(`entryPoint ${INTERNAL}: cannot listen on ${internalEp.ep.address}: ${err.code === 'EADDRINUSE' ? 'address already in use' : err.message}`);
      });
      const bound = app.server.address();
      if (bound && typeof bound === 'object') addresses[INTERNAL] = { host: bound.address, port: bound.port };
    }
  } catch (err) {
    await closeAll().catch(() => undefined);
    throw err;
  }
  aggregator.start();
  logger.info({ entryPoints: addresses, providers: providers.map((p) => p.name) }, 'wharf started');
  return { runtime, logger, observability: obs, addresses, close: closeAll };
}
