import { parseDuration } from '@wharf/config';
import type { TcpServersTransport } from '@wharf/config';
import { createWeightedRoundRobin } from '@wharf/loadbalancer';
import { parseHostPort } from '../validate/l4-shape.js';
import type { ValidatedL4 } from '../validate/validated.js';
import type { TcpUpstream } from '../types.js';

type Picker<T> = () => T | undefined;

interface BalancedConfig {
  loadBalancer?: {
    servers?: Array<{ address: string; tls?: boolean }>;
    serversTransport?: string;
    proxyProtocol?: { version?: number };
    terminationDelay?: number;
  };
  weighted?: { services?: Array<{ name: string; weight?: number }> };
}

const DEFAULT_DIAL_MS = 30_000;
const DEFAULT_TERMINATION_MS = 100;

function ms(value: string | number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  try {
    return parseDuration(value);
  } catch {
    return fallback;
  }
}

/** Servers shuffled once (at build), then weighted round robin per connection/session. */
function balancer<T>(items: Array<{ value: T; weight: number }>): Picker<T> {
  if (items.length === 0) return () => undefined;
  const wrr = createWeightedRoundRobin(items);
  return () => wrr.next();
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
 * a child service, whose picker picks a server. A cycle makes the service pick nothing.
 */
export function createPickers<S extends ValidatedL4<BalancedConfig, string>>(
  services: Record<string, S>,
  transports: Record<string, TcpServersTransport>,
): (name: string) => Picker<TcpUpstream> {
  const built = new Map<string, Picker<TcpUpstream>>();
  const visiting = new Set<string>();
  const build = (name: string): Picker<TcpUpstream> => {
    const hit = built.get(name);
    if (hit) return hit;
    const svc = services[name];
    if (!svc || svc.status === 'disabled' || visiting.has(name)) return () => undefined;
    visiting.add(name);
    let pick: Picker<TcpUpstream>;
    if (svc.kind === 'weighted') {
      const children = (svc.config.weighted?.services ?? []).map((c) => ({ value: build(c.name), weight: c.weight ?? 1 }));
      const next = balancer(children);
      pick = () => next()?.();
    } else {
      pick = balancer(upstreams(svc.config.loadBalancer ?? {}, transports).map((value) => ({ value, weight: 1 })));
    }
    visiting.delete(name);
    built.set(name, pick);
    return pick;
  };
  return build;
}
