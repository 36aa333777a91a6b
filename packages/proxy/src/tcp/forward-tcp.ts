import { connect as connectTcp, isIP, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as connectTls } from 'node:tls';
import type { TcpUpstream } from '@wharf/runtime';
import type { UpstreamStartTls } from './postgres-starttls.js';
import { proxyHeaderV1, proxyHeaderV2, type ProxiedAddresses } from './proxy-protocol.js';

export interface ForwardOptions {
  /** what the PROXY header announces (the client and the address it reached) */
  addresses: ProxiedAddresses;
  /** called once when both sides are gone */
  onDone(error?: Error): void;
  /** a negotiation with the server before any client byte flows (Postgres passthrough); bounded by the dial timeout */
  startTls?: UpstreamStartTls;
}

function dial(upstream: TcpUpstream): Socket {
  if (!upstream.tls) return connectTcp({ host: upstream.host, port: upstream.port, allowHalfOpen: true });
  const servername = upstream.serverName ?? (isIP(upstream.host) === 0 ? upstream.host : undefined);
  return connectTls({
    socket: connectTcp({ host: upstream.host, port: upstream.port, allowHalfOpen: true }),
    rejectUnauthorized: upstream.insecureSkipVerify !== true,
    ...(servername ? { servername } : {}),
  });
}

/**
 * Copies bytes both ways (`pipe`, with back-pressure). One side's FIN is passed on to the other
 * (half-close); the side still open is then reaped after `terminationDelayMs` (< 0: never).
 * An error or a close on either side destroys both.
 */
export function forwardTcp(client: Duplex, upstream: TcpUpstream, o: ForwardOptions): void {
  const server = dial(upstream);
  let done = false;
  let reaper: NodeJS.Timeout | undefined;
  const finish = (error?: Error): void => {
    if (done) return;
    done = true;
    clearTimeout(dialTimer);
    clearTimeout(reaper);
    client.destroy();
    server.destroy();
    o.onDone(error);
  };
  const dialTimer = setTimeout(() => finish(new Error(`dial ${upstream.address}: timeout`)), upstream.dialTimeoutMs);
  const halfClosed = (): void => {
    if (reaper || upstream.terminationDelayMs < 0) return;
    reaper = setTimeout(() => finish(), upstream.terminationDelayMs);
  };
  const ready = upstream.tls ? 'secureConnect' : 'connect';
  const bridge = (): void => {
    clearTimeout(dialTimer);
    client.pipe(server);
    server.pipe(client);
  };
  server.once(ready, () => {
    if (upstream.proxyProtocol) server.write(upstream.proxyProtocol === 1 ? proxyHeaderV1(o.addresses) : proxyHeaderV2(o.addresses));
    if (o.startTls) negotiate(server, o.startTls, bridge, (reply) => finish(o.startTls!.refused(upstream.address, reply)));
    else bridge();
  });
  let closed = 0;
  for (const side of [client, server]) {
    let ended = false;
    side.once('end', () => {
      ended = true;
      halfClosed();
    });
    // a side gone without its FIN (reset, destroyed) takes the other with it; after a FIN the
    // other side may still flush its data (bounded by the reaper)
    side.once('close', () => {
      closed += 1;
      if (!ended || closed === 2) finish();
    });
    side.on('error', (err: Error) => finish(err));
  }
}

/** Writes the request, then takes the server's first chunk: exactly the expected answer → `then`. */
function negotiate(server: Duplex, startTls: UpstreamStartTls, then: () => void, refuse: (reply: Buffer | undefined) => void): void {
  const early = (): void => refuse(undefined);
  server.once('end', early);
  server.once('data', (reply: Buffer) => {
    // nothing more is read until the bridge pipes the server to the client
    server.pause();
    server.off('end', early);
    if (Buffer.compare(reply, startTls.accept) === 0) then();
    else refuse(reply);
  });
  server.write(startTls.request);
}
