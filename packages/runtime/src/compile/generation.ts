import { TLS_DEFAULT_OPTIONS_NAME, type HttpExchange, type HttpHandler, type HttpResponse, type HttpStep, type TlsConfiguration, type Transport } from '@wharf/config';
import { tlsIssues, type GeneratedCertificate } from '@wharf/tls';
import { compileGenerationTls, effectiveTls, type GenerationTls } from './generation-tls.js';
import type { HealthRegistry } from '@wharf/loadbalancer';
import { composeSteps } from '@wharf/middlewares';
import type { RouteEntry, RouteTable } from '@wharf/router';
import type { RuntimeDeps } from '../deps.js';
import type { Logger as RuntimeLogger } from '@wharf/config';
import type { GenerationHandle, RouteMatch } from '../types.js';
import { addError, reasonOf } from '../validate/element-state.js';
import { Messages } from '../validate/messages.js';
import type { EntryPointSpec, ValidatedConfig, ValidatedRouter } from '../validate/validated.js';
import type { CompiledService } from '../services/compiled-service.js';
import type { CompiledL4 } from '../l4/compile-l4.js';
import type { TcpTable } from '../l4/tcp-order.js';
import { GenerationLifecycle } from './generation-lifecycle.js';
import { createMiddlewareRegistry } from './middleware-registry.js';
import { onResponseDone } from '../services/response-done.js';
import { createServiceRegistry, type ServiceRegistry } from './service-registry.js';

/** What a route table entry carries: the compiled chain plus what the route tester reports. */
interface CompiledRoute extends RouteMatch {
  /** full chain: entrypoint defaults → router middlewares (service middlewares not listed) */
  middlewares: string[];
  compiled: CompiledService;
}

export interface CompileOptions {
  id: number;
  validated: ValidatedConfig;
  entryPoints: EntryPointSpec[];
  deps: RuntimeDeps;
  transport: Transport;
  health: HealthRegistry;
  internalHandlers: Map<string, HttpHandler>;
  logger: RuntimeLogger;
  /** the merged `tls` section and the start-up generated default certificate (no certificate: TLS off) */
  tls?: { config: TlsConfiguration | undefined; generated: GeneratedCertificate };
}

export interface Generation extends GenerationHandle {
  readonly validated: ValidatedConfig;
  readonly appliedAt: string;
  readonly tables: ReadonlyMap<string, RouteTable<CompiledRoute>>;
  readonly services: ServiceRegistry;
  readonly lifecycle: GenerationLifecycle;
  /** TCP/UDP routing and TCP server health (set by the runtime after the HTTP part) */
  l4?: CompiledL4;
  /** the entrypoint's TCP routes with their ordered entries (the route tester walks them) */
  readonly tcpTable?: (entryPoint: string) => TcpTable | undefined;
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** The generation's in-flight accounting as `then` callbacks, made once per generation. */
interface Tracking {
  life: GenerationLifecycle;
  done(res: HttpResponse): HttpResponse;
  failed(err: unknown): never;
}

function trackingOf(life: GenerationLifecycle): Tracking {
  return {
    life,
    done(res) {
      onResponseDone(res, life.leave);
      return res;
    },
    failed(err) {
      life.leave();
      throw err;
    },
  };
}

/**
 * The route's handler: counts the request in flight on its generation until the response is
 * over. No async wrapper (one `then`) and, without middlewares, no per-request `next` closure:
 * this runs on every request.
 */
function tracked(t: Tracking, router: string, service: string, step: HttpStep | undefined, svc: CompiledService): HttpHandler {
  const { life, done, failed } = t;
  const handler = svc.handler;
  return (ex: HttpExchange): Promise<HttpResponse> => {
    life.enter();
    ex.routerName = router;
    ex.serviceName = service;
    let pending: Promise<HttpResponse>;
    try {
      pending = step === undefined ? handler(ex) : step(ex, () => handler(ex));
    } catch (err) {
      life.leave();
      return Promise.reject(err);
    }
    return Promise.resolve(pending).then(done, failed);
  };
}

function compileServices(services: ServiceRegistry, validated: ValidatedConfig): void {
  for (const v of Object.values(validated.services)) {
    if (v.status === 'disabled') continue;
    try {
      if (!services.get(v.name)) addError(v, 'cannot create service: a referenced service is unavailable', true);
    } catch (err) {
      addError(v, `cannot create service: ${messageOf(err)}`, true);
    }
  }
}

/** Validates → compiled: per entrypoint one route table of compiled chains. */
export function compileGeneration(opts: CompileOptions): Generation {
  const life = new GenerationLifecycle();
  const tracking = trackingOf(life);
  const { validated } = opts;
  let services: ServiceRegistry | undefined;
  const resolveService = (name: string) => services?.get(name)?.handler;
  const middlewares = createMiddlewareRegistry({ middlewares: validated.middlewares, signal: life.signal, resolveService, logger: opts.logger });
  services = createServiceRegistry({
    services: validated.services,
    internalHandlers: opts.internalHandlers,
    deps: opts.deps,
    health: opts.health,
    signal: life.signal,
    transport: opts.transport,
    logger: opts.logger,
    middlewareSteps: (names) => middlewares.steps(names),
  });
  compileServices(services, validated);
  const tls = compileTlsPart(opts);
  const entries = new Map<string, Array<RouteEntry<CompiledRoute>>>(opts.entryPoints.flatMap((ep) => [[ep.name, []], [tlsTable(ep.name), []]]));
  for (const r of Object.values(validated.routers)) {
    if (r.status === 'disabled' || !r.parsed) continue;
    compileRouter(r, { opts, services, middlewares, tracking, entries, tls });
  }
  const tables = new Map([...entries].map(([ep, list]) => [ep, opts.deps.createRouteTable(list)]));
  return {
    id: opts.id,
    validated,
    appliedAt: new Date().toISOString(),
    tables,
    services,
    lifecycle: life,
    route: (entryPoint, req, overTls) => tables.get(overTls === true ? tlsTable(entryPoint) : entryPoint)?.match(req)?.value,
    ...(tls && { tls }),
  };
}

/** the key of an entrypoint's table of TLS routers (`tables.get(ep)` holds its plaintext ones) */
export const tlsTable = (entryPoint: string): string => `${entryPoint}\u0000tls`;

function compileTlsPart(opts: CompileOptions): GenerationTls | undefined {
  if (opts.tls === undefined) return undefined;
  const tls = compileGenerationTls(opts.tls.config, Object.values(opts.validated.routers), opts.entryPoints, opts.tls.generated);
  for (const issue of tlsIssues(tls.compiled)) {
    const log = issue.severity === 'error' ? opts.logger.error : opts.logger.warn;
    log.call(opts.logger, `TLS ${issue.element}: ${issue.message}`, { code: issue.code });
  }
  return tls;
}

interface RouterCompileContext {
  opts: CompileOptions;
  services: ServiceRegistry;
  middlewares: ReturnType<typeof createMiddlewareRegistry>;
  tracking: Tracking;
  entries: Map<string, Array<RouteEntry<CompiledRoute>>>;
  tls: GenerationTls | undefined;
}

function compileRouter(r: ValidatedRouter, c: RouterCompileContext): void {
  const serviceName = r.config.service!;
  try {
    const svc = c.services.get(serviceName);
    if (!svc) {
      const v = c.opts.validated.services[serviceName];
      return addError(r, Messages.serviceDisabled(serviceName, v ? reasonOf(v) : ''), true);
    }
    // the entrypoint's http.middlewares are in the router's list (applyEntryPointModels)
    const middlewares = r.config.middlewares ?? [];
    const steps = c.middlewares.steps(middlewares, r.name);
    const step = steps.length === 0 ? undefined : composeSteps(steps);
    const built: Array<[EntryPointSpec, CompiledRoute]> = [];
    for (const ep of c.opts.entryPoints) {
      if (!r.using.includes(ep.name)) continue;
      const handler = tracked(c.tracking, r.name, serviceName, step, svc);
      const route: CompiledRoute = { router: r.name, service: serviceName, handler, middlewares, compiled: svc };
      if (effectiveTls(r, ep) !== undefined) route.tlsOptions = c.tls?.routerOptions(r.name, ep.name) ?? TLS_DEFAULT_OPTIONS_NAME;
      built.push([ep, route]);
    }
    for (const [ep, value] of built) {
      const key = value.tlsOptions !== undefined ? tlsTable(ep.name) : ep.name;
      c.entries.get(key)?.push({ name: r.name, priority: r.priority, rule: r.parsed!, value });
    }
  } catch (err) {
    addError(r, messageOf(err), true);
  }
}
