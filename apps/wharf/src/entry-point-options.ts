import { setTimeout as sleep } from 'node:timers/promises';
import { parseDuration } from '@wharf/config';
import type { EntryPointHttp2Options, EntryPointHttpOptions, EntryPointTransportOptions } from '@wharf/proxy';
import type { FastifyInstance } from 'fastify';
import type { ResolvedEntryPoint } from './static/index.js';

function ms(value: string | number): number {
  return Math.max(0, parseDuration(value));
}

/** An entrypoint's static `http.*` and `transport.*` as the proxy's options (Traefik names, ms). */
export function entryPointOptions(ep: ResolvedEntryPoint): { http: EntryPointHttpOptions; http2: EntryPointHttp2Options; transport: EntryPointTransportOptions } {
  const t = ep.transport;
  return {
    http: {
      sanitizePath: ep.http.sanitizePath,
      encodedCharacters: { ...ep.http.encodedCharacters },
      underscoreHeadersStrategy: ep.http.underscoreHeadersStrategy,
      ...(ep.http.maxHeaderBytes !== undefined && { maxHeaderBytes: ep.http.maxHeaderBytes }),
    },
    http2: { maxConcurrentStreams: ep.http2.maxConcurrentStreams },
    transport: {
      readTimeoutMs: ms(t.respondingTimeouts.readTimeout),
      writeTimeoutMs: ms(t.respondingTimeouts.writeTimeout),
      idleTimeoutMs: ms(t.respondingTimeouts.idleTimeout),
      keepAliveMaxRequests: t.keepAliveMaxRequests,
      keepAliveMaxTimeMs: ms(t.keepAliveMaxTime),
      requestAcceptGraceMs: ms(t.lifeCycle.requestAcceptGraceTimeout),
      graceTimeoutMs: ms(t.lifeCycle.graceTimeOut),
    },
  };
}

/**
 * The graceful stop of the fastify-served `traefik` entrypoint, with the same lifeCycle as the
 * others: keep serving (so `/ping` can answer 503) for requestAcceptGraceTimeout, then close,
 * and cut the connections left at graceTimeOut.
 */
export async function shutdownInternal(app: FastifyInstance, ep: ResolvedEntryPoint | undefined): Promise<void> {
  const life = ep === undefined ? undefined : entryPointOptions(ep).transport;
  const acceptMs = life?.requestAcceptGraceMs ?? 0;
  if (acceptMs > 0 && app.server.listening) await sleep(acceptMs);
  const deadline = setTimeout(() => app.server.closeAllConnections(), life?.graceTimeoutMs ?? 10_000);
  try {
    await app.close();
  } finally {
    clearTimeout(deadline);
  }
}
