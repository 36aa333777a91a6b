import { splitQualified } from '@wharf/config';
import type { UdpConfiguration, UdpRouterConfig, UdpServiceConfig } from '@wharf/config';
import { addError, isDisabled, newState } from './element-state.js';
import { isRecord, isStringList, L4Messages, oneKind, parseHostPort } from './l4-shape.js';
import { Messages } from './messages.js';
import { checkWeightedChildren } from './tcp.js';
import type { ValidatedUdpRouter, ValidatedUdpService } from './validated.js';

const KINDS = ['loadbalancer', 'weighted'] as const;

function validateUdpService(name: string, config: UdpServiceConfig): ValidatedUdpService {
  const v: ValidatedUdpService = { ...newState(), name, provider: splitQualified(name).provider, config, usedBy: [] };
  const found = isRecord(config) ? oneKind(config, KINDS) : { error: 'none' };
  if ('error' in found) {
    const text = found.error === 'none' ? L4Messages.noType(KINDS) : found.error === 'many' ? L4Messages.multiTypes() : L4Messages.unknownType(found.error);
    return (addError(v, text, true), v);
  }
  v.kind = found.kind;
  const opts = isRecord(found.options) ? found.options : {};
  if (found.kind === 'loadbalancer') {
    const servers = opts['servers'] ?? [];
    if (!Array.isArray(servers)) return (addError(v, L4Messages.badField('servers', 'a list'), true), v);
    for (const s of servers) if (!isRecord(s) || !parseHostPort(s['address'])) addError(v, L4Messages.badAddress(isRecord(s) ? s['address'] : s), true);
  } else {
    const children = opts['services'];
    if (!Array.isArray(children) || children.length === 0) addError(v, L4Messages.badField('weighted.services', 'a non-empty list'), true);
  }
  return v;
}

export interface ValidatedUdp {
  udpRouters: Record<string, ValidatedUdpRouter>;
  udpServices: Record<string, ValidatedUdpService>;
}

/**
 * `udp:`: a router without entryPoints attaches to every UDP entrypoint; one router serves an
 * entrypoint (the first in descending name order, as Traefik; the others get a warning).
 */
export function validateUdp(udp: UdpConfiguration | undefined, udpEntryPoints: readonly string[]): ValidatedUdp {
  const out: ValidatedUdp = { udpRouters: {}, udpServices: {} };
  for (const [name, s] of Object.entries(udp?.services ?? {})) out.udpServices[name] = validateUdpService(name, s);
  checkWeightedChildren(out.udpServices);
  const known = new Set(udpEntryPoints);
  for (const [name, raw] of Object.entries(udp?.routers ?? {})) {
    const config: UdpRouterConfig = isRecord(raw) ? raw : {};
    const v: ValidatedUdpRouter = { ...newState(), name, provider: splitQualified(name).provider, config, using: [] };
    out.udpRouters[name] = v;
    if (config.entryPoints !== undefined && !isStringList(config.entryPoints)) addError(v, L4Messages.badField('entryPoints', 'a list of names'), true);
    const wanted = isStringList(config.entryPoints) && config.entryPoints.length > 0 ? config.entryPoints : [...udpEntryPoints];
    for (const ep of wanted) if (!known.has(ep)) addError(v, Messages.entryPointMissing(ep), false);
    v.using = [...new Set(wanted.filter((ep) => known.has(ep)))].sort();
    if (v.using.length === 0) addError(v, L4Messages.noUdpEntryPoint(), true);
    if (typeof config.service !== 'string' || config.service === '') {
      addError(v, L4Messages.noUdpService(), true);
      continue;
    }
    const svc = out.udpServices[config.service];
    if (!svc) addError(v, Messages.serviceMissing(config.service), true);
    else if (isDisabled(svc)) addError(v, Messages.serviceDisabled(config.service, ''), true);
    if (svc && !svc.usedBy.includes(name)) svc.usedBy.push(name);
  }
  for (const s of Object.values(out.udpServices)) s.usedBy.sort();
  return out;
}
