import { parseIpRange, splitQualified } from '@wharf/config';
import type { TcpConfiguration, TcpMiddlewareConfig, TcpRouterConfig, TcpServiceConfig, WeightedChild } from '@wharf/config';
import { parseTcpRule, tcpPriority } from '@wharf/router';
import { addError, isDisabled, newState, type ElementState } from './element-state.js';
import { isRecord, isStringList, L4Messages, oneKind, parseHostPort } from './l4-shape.js';
import { Messages } from './messages.js';
import { checkTcpHealthCheck } from './tcp-health-check.js';
import { defaultEntryPoints } from './router.js';
import type { EntryPointSpec, ValidatedL4, ValidatedTcpMiddleware, ValidatedTcpRouter, ValidatedTcpService } from './validated.js';

const SERVICE_KINDS = ['loadbalancer', 'weighted'] as const;
const MIDDLEWARE_KINDS = ['ipallowlist', 'ipwhitelist', 'inflightconn'] as const;

type Shape = { kind: string; options: unknown } | { error: string };

function kindError(v: ElementState, found: Shape, kinds: readonly string[]): void {
  if (!('error' in found)) return;
  const text = found.error === 'none' ? L4Messages.noType(kinds) : found.error === 'many' ? L4Messages.multiTypes() : L4Messages.unknownType(found.error);
  addError(v, text, true);
}

function validateTcpService(name: string, config: TcpServiceConfig): ValidatedTcpService {
  const v: ValidatedTcpService = { ...newState(), name, provider: splitQualified(name).provider, config, usedBy: [] };
  if (!isRecord(config)) return (addError(v, L4Messages.noType(SERVICE_KINDS), true), v);
  const found = oneKind(config, SERVICE_KINDS);
  if ('error' in found) return (kindError(v, found, SERVICE_KINDS), v);
  v.kind = found.kind;
  const opts = found.options;
  if (!isRecord(opts)) return (addError(v, L4Messages.badField(found.kind, 'an object'), true), v);
  if (found.kind === 'loadbalancer') {
    const servers = opts['servers'] ?? [];
    if (!Array.isArray(servers)) return (addError(v, L4Messages.badField('servers', 'a list'), true), v);
    for (const s of servers) {
      if (!isRecord(s) || !parseHostPort(s['address'])) addError(v, L4Messages.badAddress(isRecord(s) ? s['address'] : s), true);
      else if (s['tls'] !== undefined && typeof s['tls'] !== 'boolean') addError(v, L4Messages.badField('servers[].tls', 'a boolean'), true);
    }
    checkTcpHealthCheck(v, opts['healthCheck']);
    const delay = opts['terminationDelay'];
    if (delay !== undefined && !Number.isInteger(delay)) addError(v, L4Messages.badField('terminationDelay', 'an integer (ms)'), true);
    const pp = opts['proxyProtocol'];
    if (pp !== undefined && (!isRecord(pp) || (pp['version'] !== undefined && pp['version'] !== 1 && pp['version'] !== 2))) {
      addError(v, L4Messages.badField('proxyProtocol.version', '1 or 2'), true);
    }
  } else {
    const children = opts['services'];
    if (!Array.isArray(children) || children.length === 0) return (addError(v, L4Messages.badField('weighted.services', 'a non-empty list'), true), v);
    for (const c of children) {
      if (!isRecord(c) || typeof c['name'] !== 'string' || c['name'] === '') addError(v, L4Messages.badField('weighted.services[].name', 'a service name'), true);
      else if (c['weight'] !== undefined && !(Number.isInteger(c['weight']) && (c['weight'] as number) >= 0)) {
        addError(v, L4Messages.badField('weighted.services[].weight', 'a non-negative integer'), true);
      }
    }
  }
  return v;
}

function validateTcpMiddleware(name: string, config: TcpMiddlewareConfig): ValidatedTcpMiddleware {
  const v: ValidatedTcpMiddleware = { ...newState(), name, provider: splitQualified(name).provider, config, usedBy: [] };
  const found: Shape = isRecord(config) ? oneKind(config, MIDDLEWARE_KINDS) : { error: 'none' };
  if ('error' in found) return (kindError(v, found, ['ipAllowList', 'inFlightConn']), v);
  const opts = isRecord(found.options) ? found.options : {};
  if (found.kind === 'inflightconn') {
    v.kind = 'inflightconn';
    const amount = opts['amount'];
    if (!Number.isInteger(amount) || (amount as number) < 1) addError(v, L4Messages.amountInvalid(), true);
    return v;
  }
  v.kind = 'ipallowlist';
  const ranges = opts['sourceRange'];
  if (ranges !== undefined && !isStringList(ranges)) return (addError(v, L4Messages.badField('sourceRange', 'a list of IPs or CIDRs'), true), v);
  if (!ranges || ranges.length === 0) return (addError(v, L4Messages.sourceRangeEmpty(), true), v);
  for (const r of ranges) if (!parseIpRange(r.trim())) addError(v, L4Messages.sourceRangeInvalid(r), true);
  return v;
}

interface TcpRouterContext {
  entryPoints: EntryPointSpec[];
  services: Record<string, ValidatedTcpService>;
  middlewares: Record<string, ValidatedTcpMiddleware>;
}

function checkRouterFields(v: ValidatedTcpRouter, c: TcpRouterConfig): boolean {
  if (c.entryPoints !== undefined && !isStringList(c.entryPoints)) addError(v, L4Messages.badField('entryPoints', 'a list of names'), true);
  if (c.middlewares !== undefined && !isStringList(c.middlewares)) addError(v, L4Messages.badField('middlewares', 'a list of names'), true);
  if (c.priority !== undefined && !Number.isInteger(c.priority)) addError(v, L4Messages.badField('priority', 'an integer'), true);
  if (c.tls !== undefined && !isRecord(c.tls)) addError(v, L4Messages.badField('tls', 'an object'), true);
  if (isRecord(c.tls) && c.tls.passthrough !== undefined && typeof c.tls.passthrough !== 'boolean') addError(v, L4Messages.badField('tls.passthrough', 'a boolean'), true);
  if (typeof c.rule !== 'string' || c.rule.trim() === '') addError(v, L4Messages.noRule(), true);
  if (typeof c.service !== 'string' || c.service === '') addError(v, L4Messages.noService(), true);
  return !isDisabled(v);
}

function validateTcpRouter(name: string, config: TcpRouterConfig, ctx: TcpRouterContext): ValidatedTcpRouter {
  const c: TcpRouterConfig = isRecord(config) ? config : {};
  const v: ValidatedTcpRouter = { ...newState(), name, provider: splitQualified(name).provider, config: c, using: [], priority: 0 };
  const known = new Set(ctx.entryPoints.map((e) => e.name));
  const wanted = c.entryPoints && isStringList(c.entryPoints) && c.entryPoints.length > 0 ? c.entryPoints : defaultEntryPoints(ctx.entryPoints);
  for (const ep of wanted) if (!known.has(ep)) addError(v, Messages.entryPointMissing(ep), false);
  v.using = [...new Set(wanted.filter((ep) => known.has(ep)))].sort();
  if (!checkRouterFields(v, c)) return v;
  if (v.using.length === 0) addError(v, Messages.noEntryPoint(), true);
  try {
    v.parsed = parseTcpRule(c.rule!);
    v.priority = tcpPriority(c.priority, c.rule!);
    if (v.parsed.hostSNIs.length > 0 && v.parsed.hostSNIs[0] !== '*' && !c.tls) addError(v, L4Messages.hostSniNeedsTls(c.rule!), true);
  } catch (err) {
    addError(v, err instanceof Error ? err.message : String(err), true);
  }
  const svc = ctx.services[c.service!];
  if (!svc) addError(v, Messages.serviceMissing(c.service!), true);
  else if (isDisabled(svc)) addError(v, Messages.serviceDisabled(c.service!, ''), true);
  for (const m of c.middlewares ?? []) {
    const mw = ctx.middlewares[m];
    if (!mw) addError(v, Messages.middlewareMissing(m), true);
    else if (isDisabled(mw)) addError(v, Messages.middlewareDisabled(m, ''), true);
  }
  return v;
}

type WeightedHolder = ValidatedL4<{ weighted?: { services?: WeightedChild[] } }, string>;

/** weighted children must exist and be enabled (cycles are cut at compile time). */
export function checkWeightedChildren(services: Record<string, WeightedHolder>): void {
  for (const svc of Object.values(services)) {
    const children = svc.config.weighted?.services;
    for (const child of Array.isArray(children) ? children : []) {
      const target = isRecord(child) ? services[child.name] : undefined;
      if (!target) addError(svc, L4Messages.childMissing(String(child?.name)), true);
      else if (isDisabled(target)) addError(svc, L4Messages.childDisabled(child.name), true);
    }
  }
}

export interface ValidatedTcp {
  tcpRouters: Record<string, ValidatedTcpRouter>;
  tcpServices: Record<string, ValidatedTcpService>;
  tcpMiddlewares: Record<string, ValidatedTcpMiddleware>;
}

/** Per-element validation of `tcp:`: a bad element is disabled with its errors, the rest serves. */
export function validateTcp(tcp: TcpConfiguration | undefined, entryPoints: EntryPointSpec[]): ValidatedTcp {
  const out: ValidatedTcp = { tcpRouters: {}, tcpServices: {}, tcpMiddlewares: {} };
  for (const [name, s] of Object.entries(tcp?.services ?? {})) out.tcpServices[name] = validateTcpService(name, s);
  checkWeightedChildren(out.tcpServices);
  for (const [name, m] of Object.entries(tcp?.middlewares ?? {})) out.tcpMiddlewares[name] = validateTcpMiddleware(name, m);
  const ctx = { entryPoints, services: out.tcpServices, middlewares: out.tcpMiddlewares };
  for (const [name, r] of Object.entries(tcp?.routers ?? {})) {
    const v = (out.tcpRouters[name] = validateTcpRouter(name, r, ctx));
    const svc = typeof v.config.service === 'string' ? out.tcpServices[v.config.service] : undefined;
    if (svc && !svc.usedBy.includes(name)) svc.usedBy.push(name);
    for (const m of isStringList(v.config.middlewares) ? v.config.middlewares : []) {
      const mw = out.tcpMiddlewares[m];
      if (mw && !mw.usedBy.includes(name)) mw.usedBy.push(name);
    }
  }
  for (const e of [...Object.values(out.tcpServices), ...Object.values(out.tcpMiddlewares)]) e.usedBy.sort();
  return out;
}
