import type { Socket } from 'node:net';
import { parseDuration, type TcpConnectionRecord } from '@wharf/config';
import { createTcpConnections, createUdpEntryPoint, type TcpConnections, type TcpMeter, type UdpEntryPoint, type UdpMeter } from '@wharf/proxy';
import type { GenerationSource } from '@wharf/runtime';
import type { EntryPointAddress } from './static/address.js';
import type { ResolvedEntryPoint } from './static/index.js';

type Ms = string | number | undefined;
const ms = (value: Ms, fallback: number): number => (value === undefined ? fallback : parseDuration(value));

/** The L4 side of the entrypoints: TCP routing on every TCP port, a UDP listener per `…/udp` one. */
export interface L4Listeners {
  /** the TCP connection seam for the HTTP entrypoint `name` (tcp/divert.ts in the proxy) */
  divert(name: string): (socket: Socket, toHttp: (socket: Socket) => void) => void;
  listenUdp(): Promise<Record<string, { host: string; port: number }>>;
  /** every entrypoint's TCP connections, with its lifeCycle (accept grace, then graceTimeOut, then cut) */
  closeTcp(): Promise<void>;
  closeUdp(): Promise<void>;
  /** TCP-routed connections open on `name`; UDP sessions per UDP entrypoint */
  openTcp(name: string): number;
  openUdp(): Array<{ entryPoint: string; protocol: 'UDP'; count: number }>;
}

interface EntryPointEntry {
  name: string;
  ep: ResolvedEntryPoint;
  addr: EntryPointAddress;
}

export function startL4(
  entryPoints: EntryPointEntry[], generations: GenerationSource, log: (name: string, message: string, err?: unknown) => void,
  meter?: TcpMeter & UdpMeter,
  /** the TCP access log (`accessLog.tcp`), per connection at its close */
  onTcpConnection?: (record: TcpConnectionRecord) => void,
): L4Listeners {
  const tcp = new Map<string, TcpConnections>();
  const udp: UdpEntryPoint[] = entryPoints
    .filter((e) => e.addr.protocol === 'udp')
    .map(({ name, ep, addr }) => createUdpEntryPoint({
      name,
      ...(addr.host ? { host: addr.host } : {}),
      port: addr.port,
      generations,
      timeoutMs: ms(ep.udp.timeout, 3_000),
      ...(meter ? { meter } : {}),
      log: (message, err) => log(name, message, err),
    }));
  return {
    divert(name) {
      const e = entryPoints.find((x) => x.name === name);
      const connections = createTcpConnections({
        name,
        generations,
        peekTimeoutMs: ms(e?.ep.transport.respondingTimeouts.readTimeout, 60_000) || 60_000,
        // TCP routers terminating TLS use the current generation's compiled TLS, as HTTPS does
        secureOptions: (optionsName, localAddress) => {
          const tls = generations.current().tls?.compiled;
          return tls?.options.has(optionsName) ? tls.serverOptions(optionsName, localAddress) : undefined;
        },
        log: (message, err) => log(name, message, err),
        ...(meter ? { meter } : {}),
        ...(onTcpConnection ? { onConnectionEnd: onTcpConnection } : {}),
      });
      tcp.set(name, connections);
      return (socket, toHttp) => connections.accept(socket, toHttp);
    },
    async listenUdp() {
      const out: Record<string, { host: string; port: number }> = {};
      for (const u of udp) {
        await u.listen();
        out[u.name] = u.address!;
      }
      return out;
    },
    async closeTcp() {
      await Promise.allSettled([...tcp].map(([name, c]) => {
        const life = entryPoints.find((x) => x.name === name)?.ep.transport.lifeCycle;
        return c.close({ acceptGraceMs: ms(life?.requestAcceptGraceTimeout, 0), graceMs: ms(life?.graceTimeOut, 10_000) });
      }));
    },
    openTcp: (name) => tcp.get(name)?.open() ?? 0,
    openUdp: () => udp.map((u) => ({ entryPoint: u.name, protocol: 'UDP' as const, count: u.openSessions() })),
    async closeUdp() {
      await Promise.allSettled(udp.map((u) => u.close()));
    },
  };
}
