import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { ProbeResult } from '../health/http-probe.js';
import { ReplyMatcher } from './reply-matcher.js';

/** One TCP server's probe, computed once per generation. */
export interface TcpProbeTarget {
  host: string;
  port: number;
  /** the server speaks TLS: the probe completes a handshake first (Traefik dials with the service's dialer) */
  tls: boolean;
  serverName?: string;
  insecureSkipVerify?: boolean;
  send?: string;
  expect?: string;
  /** bounds the whole probe: connect, handshake, send and reply */
  timeoutMs: number;
}

function dial(t: TcpProbeTarget): Socket {
  if (!t.tls) return connectTcp({ host: t.host, port: t.port });
  const servername = t.serverName ?? (isIP(t.host) === 0 ? t.host : undefined);
  return connectTls({ host: t.host, port: t.port, rejectUnauthorized: t.insecureSkipVerify !== true, ...(servername ? { servername } : {}) });
}

const codeOf = (err: Error): string => (err as { code?: unknown }).code?.toString() ?? err.name;

/**
 * Traefik's TCP health check: connect (and handshake when the server has `tls`), write `send`,
 * then read until the reply holds as many bytes as `expect` and compare. Never rejects.
 */
export function tcpProbe(target: TcpProbeTarget, signal: AbortSignal): Promise<ProbeResult> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve({ ok: false, result: 'aborted' });
    const socket = dial(target);
    let settled = false;
    const finish = (ok: boolean, result: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve({ ok, result });
    };
    const onAbort = (): void => finish(false, 'aborted');
    const timer = setTimeout(() => finish(false, 'timeout'), target.timeoutMs);
    timer.unref();
    signal.addEventListener('abort', onAbort, { once: true });
    socket.on('error', (err) => finish(false, codeOf(err)));
    socket.once('close', () => finish(false, 'closed'));
    socket.once(target.tls ? 'secureConnect' : 'connect', () => {
      if (target.expect !== undefined) {
        const matcher = new ReplyMatcher(Buffer.from(target.expect));
        socket.on('data', (chunk: Buffer) => {
          const verdict = matcher.feed(chunk);
          if (verdict !== 'pending') finish(verdict === 'match', verdict === 'match' ? 'expected reply' : 'unexpected reply');
        });
        socket.once('end', () => finish(false, 'closed before the expected reply'));
      }
      if (target.send === undefined) {
        if (target.expect === undefined) finish(true, 'connected');
        return;
      }
      socket.write(target.send, (err) => {
        if (err) finish(false, codeOf(err));
        else if (target.expect === undefined) finish(true, 'sent');
      });
    });
  });
}
