import type { TcpHealthCheck } from '@wharf/config';
import { positiveDurationOr, type ProbeSchedule } from '../health/health-options.js';

/** Traefik's bound on `send` and `expect` (bytes); a longer one is dropped, as Traefik does. */
export const MAX_TCP_PAYLOAD_BYTES = 65_535;

export interface TcpHealthOptions extends ProbeSchedule {
  /** probe this port instead of the server's */
  port?: number;
  /** written once connected */
  send?: string;
  /** the reply must start with these bytes */
  expect?: string;
}

const payload = (value: string | undefined): string | undefined =>
  typeof value === 'string' && value !== '' && Buffer.byteLength(value) <= MAX_TCP_PAYLOAD_BYTES ? value : undefined;

/**
 * Validated TCP check options with Traefik's defaults: interval 30s, unhealthyInterval = interval,
 * timeout 5s; one result flips the state (no rise/fall for TCP, as Traefik).
 */
export function resolveTcpHealth(config: TcpHealthCheck): TcpHealthOptions {
  const intervalMs = positiveDurationOr(config.interval, 30_000);
  const options: TcpHealthOptions = {
    intervalMs,
    unhealthyIntervalMs: positiveDurationOr(config.unhealthyInterval, intervalMs),
    timeoutMs: positiveDurationOr(config.timeout, 5_000),
    rise: 1,
    fall: 1,
  };
  if (Number.isInteger(config.port) && config.port! > 0 && config.port! < 65_536) options.port = config.port!;
  const send = payload(config.send);
  const expect = payload(config.expect);
  if (send !== undefined) options.send = send;
  if (expect !== undefined) options.expect = expect;
  return options;
}
