export * from './types.js';
export { LoadBalancerErrors } from './errors.js';
export { createRandom, type RandomSource } from './random.js';
export {
  createWeightedRoundRobin,
  type WeightedItem,
  type WeightedRoundRobin,
  type WeightedRoundRobinOptions,
} from './weighted-round-robin.js';
export { createLoadBalancer, type LoadBalancerOptions } from './load-balancer.js';
export { createHealthRegistry, type MemoryHealthRegistry } from './health/health-registry.js';
export { createHttpProber, httpProbe, type HttpProberOptions, type Prober, type ProbeResult } from './health/http-probe.js';
export type { ProbeTarget } from './health/probe-target.js';
export {
  formatSetCookie,
  readCookie,
  sanitizeCookieName,
  stickyCookieName,
  stickyCookieValue,
  type StickyCookieAttributes,
} from './sticky/sticky-cookie.js';
export { builtinStrategies, defaultStrategy, findStrategy, resolveStrategy } from './strategies/registry.js';
export type { BalancedServer, ServerFilter, Strategy, StrategyDefinition, StrategyOptions } from './strategies/types.js';
export { StickySession, type StickyMatch } from './sticky/sticky-session.js';
export { summarizeServiceHealth } from './health/service-health.js';
export { createTcpServerHealth, type TcpHealthServer, type TcpServerHealth, type TcpServerHealthOptions } from './tcp/tcp-server-health.js';
export { MAX_TCP_PAYLOAD_BYTES } from './tcp/tcp-health-options.js';
