import { parseDuration } from '@wharf/config';
import type { TcpHealthCheck, TcpServersTransport } from '@wharf/config';
import { createWeightedRoundRobin } from '@wharf/loadbalancer';
import { parseHostPort } from '../validate/l4-shape.js';
import type { ValidatedL4 } from '../validate/validated.js';
import type { TcpUpstream } from '../types.js';
import { startTcpHealth, type TcpHealthScope } from './tcp-health.js';

/** Picks a server per connection/session; `up` says whether it has one to give. */
export interface Picker<T> {
  pick(): T | undefined;
  up(): boolean;
}

interface BalancedConfig {
  loadBalancer?: {
    servers?: Array<{ address: string; tls?: boolean }>;
    serversTransport?: string;
    proxyProtocol?: { version?: number };
    terminationDelay?: number;
    healthCheck?: TcpHealthCheck;
  };
  weighted?: { services?: Array<{ name: string; weight?: number }> };
}

const DEFAULT_DIAL_MS = 30_000;
const DEFAULT_TERMINATION_MS = 100;
const NONE: Picker<never> = { pick: () => undefined, up: () => false };

function ms(value: string | number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  try {
    return parseDuration(value);
  } catch {
    return fallback;
  }
}

/** Servers shuffled once (at build), then weighted round robin among those `accept` lets through. */
function balancer<T>(items: Array<{ value: T; weight: number }>, accept?: (value: T) => boolean): Picker<T> {
  if (items.length === 0) return NONE;
  const wrr = createWeightedRoundRobin(items);
  if (!accept) return { pick: () => wrr.next(), up: () => wrr.size > 0 };
  return { pick: () => wrr.next(accept), up: () => wrr.peek(accept) !== undefined };
}

function upstreams(lb: NonNullable<BalancedConfig['loadBalancer']>, transports: Record<string, TcpServersTransport>): TcpUpstream[] {
  const transport = (lb.serversTransport ? transports[lb.serversTransport] : undefined) ?? {};
  const pp = lb.proxyProtocol ?? transport.proxyProtocol;
  const version = pp ? (pp.version ?? 2) : undefined;
  return (lb.servers ?? []).flatMap((s) => {
    const hp = parseHostPort(s.address);
    if (!hp) return [];
    const server: TcpUpstream = {
      address: s.address,
      ...hp,
      tls: s.tls === true,
      dialTimeoutMs: ms(transport.dialTimeout, DEFAULT_DIAL_MS),
      terminationDelayMs: lb.terminationDelay ?? ms(transport.terminationDelay, DEFAULT_TERMINATION_MS),
      ...(version === 1 || version === 2 ? { proxyProtocol: version } : {}),
      ...(transport.tls?.serverName ? { serverName: transport.tls.serverName } : {}),
      ...(transport.tls?.insecureSkipVerify ? { insecureSkipVerify: true } : {}),
    };
    return [server];
  });
}

/**
 * Compiles TCP or UDP services into pickers, each once per generation; a weighted service picks
 * a child service that has a server to give, whose picker picks a server. With a `healthCheck`
 * (and a health `scope`), DOWN servers get no new connections. A cycle makes the service pick nothing.
 */
export function createPickers<S extends ValidatedL4<BalancedConfig, string>>(
  services: Record<string, S>,
  transports: Record<string, TcpServersTransport>,
  scope?: TcpHealthScope,
): (name: string) => Picker<TcpUpstream> {
  const built = new Map<string, Picker<TcpUpstream>>();
  const visiting = new Set<string>();
  const build = (name: string): Picker<TcpUpstream> => {
    const hit = built.get(name);
    if (hit) return hit;
    const svc = services[name];
    if (!svc || svc.status === 'disabled' || visiting.has(name)) return NONE;
    visiting.add(name);
    let picker: Picker<TcpUpstream>;
    if (svc.kind === 'weighted') {
      const children = (svc.config.weighted?.services ?? []).map((c) => ({ value: build(c.name), weight: c.weight ?? 1 }));
      const next = balancer(children, (child) => child.up());
      picker = { pick: () => next.pick()?.pick(), up: next.up };
    } else {
      const lb = svc.config.loadBalancer ?? {};
      const servers = upstreams(lb, transports);
      const health = lb.healthCheck && scope ? startTcpHealth(scope, name, lb.healthCheck, servers) : undefined;
      picker = balancer(servers.map((value) => ({ value, weight: 1 })), health && ((u) => health.isUp(u.address)));
    }
    visiting.delete(name);
    built.set(name, picker);
    return picker;
  };
  return build;
}
