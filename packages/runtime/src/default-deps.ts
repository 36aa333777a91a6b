import { decodeWithSchema } from '@wharf/config';
import { builtinStrategies, createHealthRegistry, createLoadBalancer, findStrategy } from '@wharf/loadbalancer';
import { builtinMiddlewares, findMiddleware } from '@wharf/middlewares';
import { createRouteTable, defaultPriority, parseRule } from '@wharf/router';
import type { RuntimeDeps } from './deps.js';

/** The real implementations, used for every dependency a caller does not inject. */
export const defaultDeps: RuntimeDeps = {
  parseRule: (rule, syntax) => parseRule(rule, syntax),
  createRouteTable: (entries) => createRouteTable(entries),
  defaultPriority: (rule) => defaultPriority(rule),
  createLoadBalancer: (config, ctx) => createLoadBalancer(config, ctx),
  createHealthRegistry: () => createHealthRegistry(),
  middlewares: builtinMiddlewares,
  findMiddleware: (key) => findMiddleware(key),
  decodeOptions: (schema, raw, path) => decodeWithSchema(schema, raw, { path }),
  strategies: builtinStrategies,
  findStrategy: (name) => findStrategy(name),
};
