import { parseIpAddress, parseIpRange, rangeContains, type IpRange } from '@wharf/config';
import type { ValidatedTcpMiddleware } from '../validate/validated.js';

/** A TCP middleware: admits a connection (returns its release) or refuses it (undefined → close). */
export type TcpGate = (clientIp: string) => (() => void) | undefined;

const noop = (): void => undefined;

const bareIp = (ip: string): string => (ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip);

function ipAllowList(sourceRange: string[]): TcpGate {
  const ranges = sourceRange.map((r) => parseIpRange(r.trim())).filter((r): r is IpRange => r !== null);
  return (clientIp) => {
    const ip = parseIpAddress(bareIp(clientIp));
    return ip !== null && ranges.some((r) => rangeContains(r, ip)) ? noop : undefined;
  };
}

/** At most `amount` simultaneous connections per client IP (the count outlives generations: TcpGateStore). */
function inFlightConn(amount: number): TcpGate {
  const open = new Map<string, number>();
  return (clientIp) => {
    const ip = bareIp(clientIp);
    const count = open.get(ip) ?? 0;
    if (count >= amount) return undefined;
    open.set(ip, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (open.get(ip) ?? 1) - 1;
      if (left <= 0) open.delete(ip);
      else open.set(ip, left);
    };
  };
}

/** The middleware's options (its one key, any case: labels are lower-case). */
function optionsOf(m: ValidatedTcpMiddleware): Record<string, unknown> {
  const value = Object.values(m.config)[0] as unknown;
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function createTcpGate(m: ValidatedTcpMiddleware): TcpGate {
  const opts = optionsOf(m);
  if (m.kind === 'inflightconn') return inFlightConn(Number(opts['amount']));
  return ipAllowList(Array.isArray(opts['sourceRange']) ? (opts['sourceRange'] as string[]) : []);
}

/**
 * Gates kept across generations: an unchanged middleware (same name, same options) keeps its
 * gate, so inFlightConn's counts survive a reload (a client cannot pass the limit by reloading);
 * a changed one starts afresh. `sweep` after each compile drops the gates nothing uses any more.
 */
export class TcpGateStore {
  private gates = new Map<string, { gate: TcpGate; used: boolean }>();

  get(m: ValidatedTcpMiddleware): TcpGate {
    const key = `${m.name}\u0000${JSON.stringify(m.config)}`;
    let e = this.gates.get(key);
    if (!e) this.gates.set(key, (e = { gate: createTcpGate(m), used: true }));
    e.used = true;
    return e.gate;
  }

  sweep(): void {
    for (const [key, e] of this.gates) {
      if (!e.used) this.gates.delete(key);
      e.used = false;
    }
  }
}

/** Gates in order; a refusal releases what the earlier ones admitted. */
export function chainGates(gates: TcpGate[]): TcpGate {
  if (gates.length === 0) return () => noop;
  return (clientIp) => {
    const releases: Array<() => void> = [];
    for (const gate of gates) {
      const release = gate(clientIp);
      if (!release) {
        for (const r of releases) r();
        return undefined;
      }
      releases.push(release);
    }
    return () => {
      for (const r of releases) r();
    };
  };
}
