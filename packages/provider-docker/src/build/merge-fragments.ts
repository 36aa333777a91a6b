import type { Diagnostic, DynamicConfig, ServerConfig, ServiceConfig } from '@wharf/config';
import type { Fragment } from './container-fragment.js';
import { containerDiagnostic, DockerDiagnosticCode as Code } from './diagnostics.js';

type Kind = 'router' | 'service' | 'middleware';

interface Slot<T> {
  value: T;
  /** stable JSON of the definition (servers excluded for services) → containers defining it */
  variants: Map<string, string[]>;
}

/**
 * Merge per-container fragments (reference §1.5): services identical but for their servers are
 * merged (servers de-duplicated by URL); any other same-named element must be deep-equal, or
 * it is removed and a diagnostic names the containers that disagree. Only that element is lost.
 */
export function mergeFragments(fragments: readonly Fragment[], provider: string): { config: DynamicConfig; diagnostics: Diagnostic[] } {
  const routers = new Map<string, Slot<Fragment['routers'][string]>>();
  const services = new Map<string, Slot<ServiceConfig>>();
  const middlewares = new Map<string, Slot<Fragment['middlewares'][string]>>();
  for (const fragment of fragments) {
    for (const [name, router] of Object.entries(fragment.routers)) add(routers, name, router, stableJson(router), fragment.container);
    for (const [name, mw] of Object.entries(fragment.middlewares)) add(middlewares, name, mw, stableJson(mw), fragment.container);
    for (const [name, service] of Object.entries(fragment.services)) {
      const slot = add(services, name, service, stableJson(withoutServers(service)), fragment.container);
      if (slot.value !== service && slot.variants.size === 1) slot.value = appendServers(slot.value, service);
    }
  }
  const diagnostics: Diagnostic[] = [];
  const config: DynamicConfig = {
    http: {
      routers: settle(routers, 'router', provider, diagnostics),
      services: settle(services, 'service', provider, diagnostics),
      middlewares: settle(middlewares, 'middleware', provider, diagnostics),
    },
  };
  mergeL4(fragments, config);
  return { config, diagnostics };
}

/** TCP/UDP elements of every container: same-named services add their servers (replicas). */
function mergeL4(fragments: readonly Fragment[], config: DynamicConfig): void {
  for (const f of fragments) {
    for (const protocol of ['tcp', 'udp'] as const) {
      const part = f[protocol];
      if (!part) continue;
      const target = (config[protocol] ??= { routers: {}, services: {}, ...(protocol === 'tcp' ? { middlewares: {} } : {}) }) as Record<string, Record<string, unknown>>;
      for (const section of ['routers', 'services', 'middlewares'] as const) {
        for (const [name, value] of Object.entries((part as Record<string, Record<string, unknown> | undefined>)[section] ?? {})) {
          const existing = target[section]?.[name] as { loadBalancer?: { servers?: unknown[] } } | undefined;
          const incoming = value as { loadBalancer?: { servers?: unknown[] } };
          if (section === 'services' && existing?.loadBalancer && incoming.loadBalancer) {
            existing.loadBalancer.servers = [...(existing.loadBalancer.servers ?? []), ...(incoming.loadBalancer.servers ?? [])];
          } else if (!existing) {
            (target[section] ??= {})[name] = structuredClone(value);
          }
        }
      }
    }
  }
}

function add<T>(slots: Map<string, Slot<T>>, name: string, value: T, json: string, container: string): Slot<T> {
  let slot = slots.get(name);
  if (!slot) {
    slot = { value, variants: new Map() };
    slots.set(name, slot);
  }
  const owners = slot.variants.get(json) ?? [];
  owners.push(container);
  slot.variants.set(json, owners);
  return slot;
}

function settle<T>(slots: Map<string, Slot<T>>, kind: Kind, provider: string, diagnostics: Diagnostic[]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [name, slot] of slots) {
    if (slot.variants.size === 1) {
      out[name] = slot.value;
      continue;
    }
    const groups = [...slot.variants.values()].map((owners) => owners.join(', '));
    const all = [...slot.variants.values()].flat();
    diagnostics.push(containerDiagnostic(provider, all.join(', '), {
      code: Code.conflict, severity: 'error', element: { kind, name },
      message: `${kind} "${name}" is defined multiple times with different configurations: [${groups.join('] vs [')}]; it is disabled until they agree`,
    }));
  }
  return out;
}

function withoutServers(service: ServiceConfig): ServiceConfig {
  if (!service.loadBalancer) return service;
  const { servers: _servers, ...loadBalancer } = service.loadBalancer;
  return { ...service, loadBalancer };
}

function appendServers(into: ServiceConfig, from: ServiceConfig): ServiceConfig {
  const existing = into.loadBalancer?.servers ?? [];
  const seen = new Set(existing.map((s) => s.url));
  const added: ServerConfig[] = (from.loadBalancer?.servers ?? []).filter((s) => !seen.has(s.url) && seen.add(s.url));
  return { ...into, loadBalancer: { ...into.loadBalancer, servers: [...existing, ...added] } };
}

/** JSON with object keys sorted, so equal definitions compare equal regardless of label order. */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return value === undefined ? 'null' : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    if (record[key] === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${stableJson(record[key])}`;
  }
  return `${out}}`;
}
