import { parseDuration, type EntryPointInfo } from '@wharf/config';
import type { ResolvedEntryPoint } from './resolve.js';

/** Go's `time.Duration.String()` for a whole number of milliseconds: `0s`, `500ms`, `1.5s`, `1m0s`, `3m0s`, `1h0m0s`. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const rest = ms % 60_000;
  const seconds = rest % 1000 === 0 ? String(rest / 1000) : (rest / 1000).toFixed(3).replace(/0+$/, '');
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}

const go = (value: string | number): string => goDuration(Math.max(0, Math.round(parseDuration(value))));

/** The static configuration of one entrypoint as Traefik's API shows it (`/api/entrypoints`). */
export function entryPointInfo(ep: ResolvedEntryPoint): EntryPointInfo {
  if (ep.parsedAddress.protocol === 'udp') return { name: ep.name, address: ep.address, udp: { timeout: go(ep.udp.timeout) } };
  const t = ep.transport;
  const h = ep.http;
  return {
    name: ep.name,
    address: ep.address,
    ...(ep.allowACMEByPass && { allowACMEByPass: true }),
    transport: {
      lifeCycle: { requestAcceptGraceTimeout: go(t.lifeCycle.requestAcceptGraceTimeout), graceTimeOut: go(t.lifeCycle.graceTimeOut) },
      respondingTimeouts: { readTimeout: go(t.respondingTimeouts.readTimeout), writeTimeout: go(t.respondingTimeouts.writeTimeout), idleTimeout: go(t.respondingTimeouts.idleTimeout) },
      ...(t.keepAliveMaxRequests > 0 && { keepAliveMaxRequests: t.keepAliveMaxRequests }),
      ...(parseDuration(t.keepAliveMaxTime) > 0 && { keepAliveMaxTime: go(t.keepAliveMaxTime) }),
    },
    forwardedHeaders: {
      ...(ep.forwardedHeaders.insecure && { insecure: true }),
      ...(ep.forwardedHeaders.trustedIPs.length > 0 && { trustedIPs: [...ep.forwardedHeaders.trustedIPs] }),
    },
    ...(ep.proxyProtocol && {
      proxyProtocol: {
        ...(ep.proxyProtocol.insecure && { insecure: true }),
        ...(ep.proxyProtocol.trustedIPs.length > 0 && { trustedIPs: [...ep.proxyProtocol.trustedIPs] }),
      },
    }),
    http: {
      ...(h.middlewares.length > 0 && { middlewares: [...h.middlewares] }),
      ...(h.tls && { tls: structuredClone(h.tls) }),
      ...(h.redirections?.entryPoint && { redirections: { entryPoint: { ...h.redirections.entryPoint } } }),
      sanitizePath: h.sanitizePath,
      encodedCharacters: { ...h.encodedCharacters },
      ...(h.maxHeaderBytes !== undefined && { maxHeaderBytes: h.maxHeaderBytes }),
      ...(h.underscoreHeadersStrategy !== 'keep' && { underscoreHeadersStrategy: h.underscoreHeadersStrategy }),
    },
    http2: { maxConcurrentStreams: ep.http2.maxConcurrentStreams },
  };
}
