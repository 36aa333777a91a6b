import type { LoadBalancerConfig } from '@wharf/config';
import { HealthChecker } from './health/health-checker.js';
import { resolveActiveHealth, resolvePassiveHealth } from './health/health-options.js';
import { httpProbe, type Prober } from './health/http-probe.js';
import { buildProbeTarget, type ProbeTarget } from './health/probe-target.js';
import { ServerHealth } from './health/server-health.js';
import { createRandom, type RandomSource } from './random.js';
import { buildServerSlots } from './server-list.js';
import type { ServerSlot } from './server-slot.js';
import { resolveStrategy } from './strategies/registry.js';
import { createServerChooser, type ServerChooser } from './server-chooser.js';
import { StickySession, type StickyMatch } from './sticky/sticky-session.js';
import type { LoadBalancer, LoadBalancerContext, PickRequest, ServerRef } from './types.js';

/** Test and embedding hooks; production callers pass none. */
export interface LoadBalancerOptions {
  /** shuffle and p2c randomness (seed it for reproducible tests) */
  random?: RandomSource;
  /** replaces the HTTP prober */
  prober?: Prober;
  /** clock in ms (passive windows, probe timestamps) */
  now?: () => number;
}

/**
 * Builds one service's balancer for one generation: servers, strategy, sticky cookie, active
 * and passive health, in-flight counts. Throws coded errors on invalid config (the runtime
 * disables the service). Probes start at once and stop when `ctx.signal` aborts.
 */
export function createLoadBalancer(
  config: LoadBalancerConfig,
  ctx: LoadBalancerContext,
  options: LoadBalancerOptions = {},
): LoadBalancer {
  const now = options.now ?? Date.now;
  const slots = buildServerSlots(config.servers ?? []);
  const pickable = slots.filter((s) => s.ref.weight > 0);
  const definition = resolveStrategy(config.strategy);
  const strategy = definition.create(pickable, { random: options.random ?? createRandom() });
  const active = config.healthCheck ? resolveActiveHealth(config.healthCheck) : undefined;
  const passive = config.passiveHealthCheck ? resolvePassiveHealth(config.passiveHealthCheck) : undefined;
  const targets = new Map<ServerSlot, ProbeTarget>();
  if (active) for (const slot of slots) targets.set(slot, buildProbeTarget(slot.ref.url, active));

  let sticky: StickySession<ServerSlot> | undefined;
  if (config.sticky && definition.supportsSticky) {
    sticky = new StickySession(ctx.serviceName, config.sticky.cookie ?? {}, pickable);
    for (const slot of pickable) slot.stickyResult = Object.freeze({ server: slot.ref, setCookie: sticky.setCookie(slot) });
  }

  let checker: HealthChecker<ProbeTarget> | undefined;
  const health = new ServerHealth({
    serviceName: ctx.serviceName,
    registry: ctx.health,
    slots,
    ...(active && { active }),
    ...(passive && { passive }),
    signal: ctx.signal,
    now,
    recheck: (slot, delayMs) => checker?.schedule(slot, delayMs),
  });
  if (active && !ctx.signal.aborted) {
    checker = new HealthChecker({
      targets,
      prober: options.prober ?? httpProbe,
      options: active,
      signal: ctx.signal,
      now,
      onResult: (slot, result, startedAt) => health.onProbe(slot, result, startedAt),
    });
    checker.start((slot) => health.firstProbeDelay(slot));
  }
  return assembleBalancer(slots, createServerChooser(strategy), sticky, health, strategy.observe?.bind(strategy));
}

function assembleBalancer(
  slots: readonly ServerSlot[],
  choose: ServerChooser,
  sticky: StickySession<ServerSlot> | undefined,
  health: ServerHealth,
  observe?: (server: ServerSlot, ms: number) => void,
): LoadBalancer {
  const byRef = new Map<ServerRef, ServerSlot>(slots.map((s) => [s.ref, s]));
  const byUrl = new Map<string, ServerSlot>(slots.map((s) => [s.ref.url, s]));
  const slotOf = (ref: ServerRef) => byRef.get(ref) ?? byUrl.get(ref.url);

  /** the cookie's server when it may take this request (UP, not excluded by a retry) */
  function stickyMatch(req: PickRequest): StickyMatch<ServerSlot> | undefined {
    if (sticky === undefined || req.cookie === undefined) return undefined;
    const match = sticky.match(req.cookie);
    if (match === undefined || !match.server.up || req.exclude?.has(match.server.ref.url) === true) return undefined;
    return match;
  }

  return {
    pick(req) {
      const match = stickyMatch(req);
      if (match !== undefined) return match.current ? match.server.plainResult : match.server.stickyResult;
      const chosen = choose(req, false);
      if (chosen === undefined) return undefined;
      return sticky === undefined ? chosen.plainResult : chosen.stickyResult;
    },
    peek: (req) => (stickyMatch(req)?.server ?? choose(req, true))?.ref,
    onAttemptStart(server) {
      const slot = slotOf(server);
      if (slot !== undefined) slot.inFlight++;
    },
    onAttemptEnd(server, outcome) {
      const slot = slotOf(server);
      if (slot === undefined) return;
      if (slot.inFlight > 0) slot.inFlight--;
      health.onAttemptEnd(slot, outcome);
    },
    servers: () => slots.map((s) => s.info()),
    ready: () => health.ready,
    // only for strategies that weigh response times: the others pay nothing per request
    ...(observe !== undefined && {
      onResponseHead(server: ServerRef, ms: number) {
        const slot = slotOf(server);
        if (slot !== undefined) observe(slot, ms);
      },
    }),
  };
}
